// The thaw runtime as the runtime layer ships it: launch.cjs beside bootstrap.cjs and a V8
// code cache made for the Node.js binary under test (what `thaw layer runtime --node N` does
// for its own binary). Kept in the git-ignored bench/.code-cache, one folder per binary.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const runtimeDist = (repoRoot) => join(repoRoot, 'packages', 'runtime-client', 'dist');
const prepared = new Map();

/** Makes (once per binary) the layer-like folder for `node`; returns its launch.cjs. */
export async function preparedLauncher(repoRoot, benchDir, node, version) {
  if (prepared.has(node)) return prepared.get(node);
  const dir = join(benchDir, '.code-cache', version);
  mkdirSync(dir, { recursive: true });
  for (const file of ['bootstrap.cjs', 'launch.cjs']) copyFileSync(join(runtimeDist(repoRoot), file), join(dir, file));
  const { makeCodeCache } = await import(pathToFileURL(join(runtimeDist(repoRoot), 'launch', 'make-code-cache.js')).href);
  const cache = await makeCodeCache(node);
  writeFileSync(join(dir, cache.fileName), cache.data);
  const launcher = join(dir, 'launch.cjs');
  prepared.set(node, launcher);
  return launcher;
}

/** The launcher prepared for `node` (preparedLauncher must have run for it). */
export function launcherFor(node) {
  const launcher = prepared.get(node);
  if (launcher === undefined) throw new Error(`no code cache was prepared for ${node}`);
  return launcher;
}
