import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { PackagingError } from './errors.js';

export interface PackageJson {
  name: string;
  version: string;
  main?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface ResolvedPackage {
  name: string;
  version: string;
  /** Real directory of the installed package (pnpm's symlinks resolved). */
  dir: string;
  /** Where it goes under nodejs/node_modules: `name`, or `parent/node_modules/name` on a version clash. */
  installPath: string;
  /** A workspace package (not under any node_modules): only its `files` are published. */
  fromWorkspace: boolean;
}

/**
 * Finds `name` the way Node resolves a bare specifier from `fromDir`: the nearest
 * node_modules/<name> walking up. Works for npm, yarn and pnpm layouts alike.
 */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json')) && statSync(candidate).isDirectory()) return realpathSync(candidate);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * The given packages and their runtime dependencies, flattened like npm would: the first
 * version of a name sits at the top; another version nests under the package that needs it.
 * `provided(name)` says what the target runtime already ships (left out, and reported).
 */
export function dependencyClosure(roots: string[], provided: (name: string) => boolean): { packages: ResolvedPackage[]; leftOut: string[] } {
  const packages: ResolvedPackage[] = [];
  const topLevel = new Map<string, string>(); // name -> dir
  const visited = new Set<string>(); // dir
  const leftOut = new Set<string>();

  const add = (dir: string, parentInstallPath: string | null) => {
    const pkg = readPackageJson(dir);
    const topDir = topLevel.get(pkg.name);
    let installPath: string;
    if (topDir === undefined) {
      topLevel.set(pkg.name, dir);
      installPath = pkg.name;
    } else if (topDir === dir) {
      return;
    } else {
      installPath = `${parentInstallPath}/node_modules/${pkg.name}`;
    }
    if (visited.has(`${dir}|${installPath}`)) return;
    visited.add(`${dir}|${installPath}`);
    packages.push({ name: pkg.name, version: pkg.version, dir, installPath, fromWorkspace: !dir.split(sep).includes('node_modules') });
    for (const dep of runtimeDependencies(pkg)) {
      if (provided(dep.name)) {
        leftOut.add(dep.name);
        continue;
      }
      const depDir = findPackageDir(dep.name, dir);
      if (!depDir) {
        if (dep.optional) continue;
        throw new PackagingError(`${pkg.name} needs ${dep.name}, which is not installed next to it (${dir}): run your package manager's install first`);
      }
      add(depDir, installPath);
    }
  };

  for (const root of roots) add(root, null);
  return { packages, leftOut: [...leftOut].sort() };
}

function runtimeDependencies(pkg: PackageJson): Array<{ name: string; optional: boolean }> {
  const deps = Object.keys(pkg.dependencies ?? {}).map((name) => ({ name, optional: false }));
  const optional = Object.keys(pkg.optionalDependencies ?? {}).map((name) => ({ name, optional: true }));
  // Peers marked optional are the user's choice (e.g. @middy/core): not ours to ship.
  const peers = Object.keys(pkg.peerDependencies ?? {})
    .filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional)
    .map((name) => ({ name, optional: false }));
  return [...deps, ...optional, ...peers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
