import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PackagingError } from './errors.js';
import { fileEntry, readTree } from './file-tree.js';
import { dependencyClosure, readPackageJson, type ResolvedPackage } from './package-tree.js';
import type { ZipEntry } from './zip.js';

/** The libraries a managed-runtime layer carries; their dependencies come along. */
export const NODE_LAYER_PACKAGES = ['@thaw/middleware', '@thaw/tmp-cache'];

// The managed nodejs runtimes ship AWS SDK v3 (and what it is built from); a layer copy would
// only add megabytes and shadow the runtime's patched version.
const PROVIDED_BY_RUNTIME = /^@(aws-sdk|smithy|aws-crypto)\//;

export interface NodeLayer {
  entries: ZipEntry[];
  packages: Array<{ name: string; version: string; path: string }>;
  /** Dependencies left to the managed runtime. */
  leftToRuntime: string[];
}

/**
 * Layer for nodejs22.x / nodejs24.x: packages under nodejs/node_modules (on NODE_PATH there,
 * so `require` and `import` from /var/task find them), plus a manifest naming every version.
 */
export function nodeLayer(resolveFrom: string = import.meta.url): NodeLayer {
  const require = createRequire(resolveFrom);
  const roots = NODE_LAYER_PACKAGES.map((name) => {
    try {
      return dirname(require.resolve(`${name}/package.json`));
    } catch {
      throw new PackagingError(`${name} is not installed next to thaw: reinstall thaw (it depends on ${name})`);
    }
  });
  const { packages, leftOut } = dependencyClosure(roots, (name) => PROVIDED_BY_RUNTIME.test(name));
  const entries = packages.flatMap(packageEntries);
  const manifest = {
    kind: 'thaw node layer',
    compatibleRuntimes: ['nodejs22.x', 'nodejs24.x'],
    packages: Object.fromEntries(packages.map((p) => [p.installPath, p.version])),
    leftToRuntime: leftOut,
  };
  entries.push(fileEntry('nodejs/thaw-node-layer.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o644));
  return {
    entries,
    packages: packages.map((p) => ({ name: p.name, version: p.version, path: `nodejs/node_modules/${p.installPath}` })),
    leftToRuntime: leftOut,
  };
}

const ALWAYS_SHIPPED = /^(package\.json|readme(\..*)?|licen[sc]e(\..*)?|notice(\..*)?)$/i;

function packageEntries(pkg: ResolvedPackage): ZipEntry[] {
  const prefix = `nodejs/node_modules/${pkg.installPath}/`;
  // An installed package already holds only its published files; its own node_modules (if
  // any) is handled by the dependency walk.
  if (!pkg.fromWorkspace) return readTree(pkg.dir, prefix, (relative) => relative === 'node_modules');
  // A workspace package holds sources, tests and configs too: ship what it would publish.
  const entries: ZipEntry[] = [];
  const file = (name: string) => {
    const absolute = join(pkg.dir, name);
    entries.push(fileEntry(`${prefix}${name}`, readFileSync(absolute), statSync(absolute).mode));
  };
  const rootFiles = readdirSync(pkg.dir).filter((name) => ALWAYS_SHIPPED.test(name) && statSync(join(pkg.dir, name)).isFile());
  rootFiles.forEach(file);
  const { include, exclude } = publishedPaths(pkg);
  for (const published of include) {
    const absolute = join(pkg.dir, published);
    // Like npm pack: a listed path that is absent is skipped (the entry point is checked below).
    if (!existsSync(absolute) || rootFiles.includes(published)) continue;
    if (statSync(absolute).isDirectory()) entries.push(...readTree(absolute, `${prefix}${published}/`));
    else file(published);
  }
  const shipped = exclude.length === 0 ? entries : entries.filter((e) => !exclude.some((re) => re.test(e.path.slice(prefix.length))));
  const main = readPackageJson(pkg.dir).main;
  if (main && !shipped.some((e) => e.path === `${prefix}${main.replace(/^\.\//, '')}`)) {
    throw new PackagingError(`${pkg.name}'s entry point ${main} is missing from ${pkg.dir}: build the package first`);
  }
  return shipped;
}

/**
 * The package's `files` list: plain paths to ship, and `!pattern` exclusions (`*`, `**`, `?`)
 * as npm applies them. Other glob syntax is refused rather than half understood.
 */
function publishedPaths(pkg: ResolvedPackage): { include: string[]; exclude: RegExp[] } {
  const { files } = readPackageJson(pkg.dir);
  if (!files) throw new PackagingError(`${pkg.name} (${pkg.dir}) has no "files" list in package.json: thaw cannot tell what it publishes`);
  const include: string[] = [];
  const exclude: RegExp[] = [];
  for (const entry of files) {
    const negated = entry.startsWith('!');
    const path = (negated ? entry.slice(1) : entry).replace(/^\.\//, '').replace(/\/$/, '');
    if (/[[\]{}!]/.test(path) || (!negated && /[*?]/.test(path))) {
      throw new PackagingError(`${pkg.name} lists the pattern "${entry}" in package.json files: use plain paths, and "!" exclusions with * ** ? only, for workspace packages shipped in a layer`);
    }
    if (negated) exclude.push(globToRegExp(path));
    else include.push(path);
  }
  return { include, exclude };
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
