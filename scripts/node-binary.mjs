// Fetches a Node.js binary from the npm packages node-linux-<arch> into .cache/node,
// so the test matrix and the layer builder can run Lambda's Node versions without a
// system install. The version is pinned so every run uses the same bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PINNED = { 22: '22.23.3', 24: '24.21.0' };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the path of a `node` executable for the major version, downloading it once. */
export function nodeBinary(major, arch = 'x64') {
  const version = PINNED[major];
  if (!version) throw new Error(`No pinned Node.js version for major ${major}; pinned: ${Object.keys(PINNED).join(', ')}`);
  const dir = join(root, '.cache', 'node', `${version}-${arch}`);
  const bin = join(dir, 'bin', 'node');
  if (existsSync(bin)) return bin;
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const pkg = `node-linux-${arch}@${version}`;
  process.stderr.write(`fetching ${pkg} from the npm registry...\n`);
  execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', join(work, tgz), '-C', work, 'package/bin/node', 'package/LICENSE']);
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(work, 'package'), dir);
  rmSync(work, { recursive: true, force: true });
  return bin;
}
