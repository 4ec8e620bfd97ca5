// Moves a finished build into dist/ one file at a time, each with one rename(2), so that a
// process loading the package while it is rebuilt finds every file it needs, each one whole
// (old or new; during the swap a loader may mix old and new files), never missing or
// half-written.
//
// Why: this checkout is shared, and tests spawn hundreds of processes that each require()
// the package (the SIGKILL trials of the tmp-cache tests and the reliability suite start
// hundreds of writers). The build used to start with `rm -rf dist`, so every process started
// during the rebuild (seconds on a busy machine) died with "Cannot find module
// .../dist/cjs/index.js" before doing anything.
import { mkdirSync, readdirSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Paths of the regular files under `dir`, relative to it ([] when `dir` does not exist). */
export function listFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
}

/** Entry points are swapped last: by then every module a new entry point imports is in place. */
function isEntryPoint(file) {
  return /(^|\/)(index\.(js|d\.ts)|package\.json)$/.test(file);
}

/**
 * Makes `target` hold exactly the files of `staging` (which must be on the same filesystem),
 * in this order: files new to `target`, then replacements of existing files (entry points
 * last), then removal of files the new build no longer has. `onStep(file)` is called after
 * each step, for tests that check what a concurrent reader could see at every point.
 */
export function replaceInPlace(staging, target, onStep = () => {}) {
  const incoming = listFiles(staging);
  const existing = new Set(listFiles(target));
  const order = (file) => (existing.has(file) ? 1 : 0) + (isEntryPoint(file) ? 2 : 0);
  for (const file of [...incoming].sort((a, b) => order(a) - order(b))) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    renameSync(join(staging, file), join(target, file));
    onStep(file);
  }
  const kept = new Set(incoming);
  for (const file of existing) {
    if (kept.has(file)) continue;
    unlinkSync(join(target, file));
    removeEmptyParents(target, dirname(join(target, file)));
    onStep(file);
  }
}

function removeEmptyParents(root, dir) {
  for (let current = dir; current !== root && current.startsWith(root); current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // Not empty (or already gone): its parents are not empty either.
    }
  }
}
