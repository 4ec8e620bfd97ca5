// Helpers for the packaging tests: run the real CLI (bin/thaw.js with this test's node) and
// unpack zips with the system's unzip, which applies the Unix modes the zip records.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const thawBin = join(repoRoot, 'packages', 'cli', 'bin', 'thaw.js');
export const fixtures = join(repoRoot, 'test', 'fixtures', 'packaging');
/** The repository's cache of pinned Node binaries (filled by scripts/node-binary.mjs). */
export const nodeCache = join(repoRoot, '.cache', 'node');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function thaw(args: string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  const run = spawnSync(process.execPath, [thawBin, ...args], {
    cwd: options.cwd,
    env: { ...process.env, THAW_NODE_CACHE: nodeCache, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs thaw with --json and returns the parsed document, failing loudly with stderr. */
export function thawJson<T = Record<string, unknown>>(args: string[], options: { cwd: string; env?: Record<string, string> }): T {
  const run = thaw([...args, '--json'], options);
  if (run.status !== 0) throw new Error(`thaw ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

export const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

export function unzip(zip: string, into: string): string {
  mkdirSync(into, { recursive: true });
  execFileSync('unzip', ['-q', '-o', zip, '-d', into]);
  return into;
}

export function cachedNode(version: string): boolean {
  return existsSync(join(nodeCache, `${version}-x64`, 'bin', 'node')) && process.arch === 'x64' && process.platform === 'linux';
}
