// Finds the file _HANDLER's module names, in the platform's order: inside the task root
// the extensionless file, then .js, .mjs, .cjs; otherwise a package resolved from the
// task root (node_modules, NODE_PATH). A directory named like the module is not a match.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { builtin } from '../builtin.js';

const EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

export interface Located {
  file: string;
  /** Resolved as a package rather than a file in the task root. */
  fromPackage: boolean;
}

// A missing file answers undefined rather than throwing: the usual handler is found at the
// third or fourth candidate, and each thrown ENOENT costs a stack trace at cold start.
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export function locateModule(taskRoot: string, module: string): Located | undefined {
  const base = resolve(taskRoot, module);
  for (const extension of EXTENSIONS) {
    if (isFile(base + extension)) return { file: base + extension, fromPackage: false };
  }
  const file = resolvePackage(taskRoot, module);
  return file === undefined ? undefined : { file, fromPackage: true };
}

function resolvePackage(taskRoot: string, specifier: string): string | undefined {
  if (specifier.startsWith('/') || specifier.startsWith('.')) return undefined;
  try {
    return builtin('node:module').createRequire(join(taskRoot, 'noop.js')).resolve(specifier);
  } catch {
    // An ESM-only package offers no "require" condition: look for an "import" one.
    return resolveEsmOnlyPackage(taskRoot, specifier);
  }
}

/** The minimal exports lookup for packages that only offer the "import" condition. */
function resolveEsmOnlyPackage(taskRoot: string, specifier: string): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let directory = resolve(taskRoot); ; directory = dirname(directory)) {
    const packageRoot = join(directory, 'node_modules', name);
    const manifest = readManifest(join(packageRoot, 'package.json'));
    if (manifest !== undefined) {
      const target = exportTarget(manifest, subpath);
      if (target !== undefined && isFile(join(packageRoot, target))) return join(packageRoot, target);
    }
    if (dirname(directory) === directory) return undefined;
  }
}

function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function exportTarget(manifest: Record<string, unknown>, subpath: string): string | undefined {
  const exports = manifest['exports'];
  if (exports === undefined) return subpath === '.' && typeof manifest['main'] === 'string' ? manifest['main'] : undefined;
  const isSubpathMap = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'));
  const entry = isSubpathMap ? (exports as Record<string, unknown>)[subpath] : subpath === '.' ? exports : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const item of entry) {
      const found = pickCondition(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const condition of ['node', 'import', 'default']) {
    if (condition in conditions) {
      const found = pickCondition(conditions[condition]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
