// Packs every publishable package the way a release does (`pnpm pack`, which turns
// `workspace:*` into real versions) and installs the tarballs into a scratch project, the way a
// user's `npm install` would. Shared by the consumer test and `release-check.mjs`.
//
// Packing and installing cost ~25 s, and the matrix runs the test three times, so the result is
// kept, keyed by a hash of everything that goes into the tarballs (and of this recipe). It lives
// in the OS temp folder on purpose: a project under the repository would resolve a package the
// tarballs forgot to declare from the workspace's own node_modules, and hide exactly the bug
// this test is for.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PNPM = ['-y', 'pnpm@10.34.9'];
/** Package folders under packages/, in dependency order. */
export const PACKAGE_DIRS = ['runtime-client', 'tmp-cache', 'emulator', 'middleware', 'cli'];
const CACHE_ROOT = join(tmpdir(), 'thaw-consumer-cache');
const KEPT_ENTRIES = 3;

/** The hash of every input of the tarballs and of the install recipe (this file). */
export function contentKey() {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(join(repoRoot, 'package.json')));
  for (const dir of PACKAGE_DIRS) {
    const pkgDir = join(repoRoot, 'packages', dir);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const roots = ['package.json', 'README.md', 'LICENSE', ...(manifest.files ?? []).filter((f) => !f.startsWith('!'))];
    for (const file of roots.flatMap((r) => walk(pkgDir, r))) {
      hash.update(`${dir}/${file}\0`);
      hash.update(readFileSync(join(pkgDir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function walk(base, rel) {
  const path = join(base, rel);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [rel];
  return readdirSync(path).sort().flatMap((name) => walk(base, join(rel, name)));
}

/**
 * Returns `{ dir, tarballs, packs, project }`: the cache entry, the tarball path of each package
 * name, pnpm's pack report (files of each tarball) and the installed project (its node_modules
 * holds every package, their registry dependencies, @types and a link to the workspace's
 * TypeScript).
 */
export function prepareScratchProject({ log = () => {} } = {}) {
  for (const dir of PACKAGE_DIRS) {
    if (!existsSync(join(repoRoot, 'packages', dir, 'dist'))) {
      throw new Error(`packages/${dir}/dist is missing: run \`npx -y pnpm@10.34.9 run build\` at the repository root first.`);
    }
  }
  const key = contentKey();
  const dir = join(CACHE_ROOT, key);
  if (!existsSync(join(dir, 'ready.json'))) build(dir, log);
  else log(`reusing packed and installed packages from ${dir}`);
  const ready = JSON.parse(readFileSync(join(dir, 'ready.json'), 'utf8'));
  return {
    dir,
    project: join(dir, ready.project),
    tarballs: Object.fromEntries(Object.entries(ready.tarballs).map(([name, file]) => [name, join(dir, file)])),
    packs: ready.packs,
  };
}

function build(finalDir, log) {
  mkdirSync(CACHE_ROOT, { recursive: true });
  const work = join(CACHE_ROOT, `building-${process.pid}-${randomBytes(4).toString('hex')}`);
  const tarballDir = join(work, 'tarballs');
  const project = join(work, 'project');
  mkdirSync(tarballDir, { recursive: true });
  mkdirSync(project);
  try {
    log('packing with pnpm');
    const filters = PACKAGE_DIRS.flatMap((d) => ['--filter', `./packages/${d}`]);
    const out = execFileSync('npx', [...PNPM, '-r', ...filters, 'pack', '--pack-destination', tarballDir, '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const packs = JSON.parse(out).map((p) => ({ name: p.name, version: p.version, file: relative(work, p.filename), files: p.files.map((f) => f.path) }));

    log('installing the tarballs with npm');
    const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const devVersion = (name) => `${name}@${rootManifest.devDependencies[name]}`;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'thaw-consumer', private: true, type: 'module' }, null, 2));
    execFileSync(
      'npm',
      ['install', ...packs.map((p) => join(work, p.file)), devVersion('@types/aws-lambda'), devVersion('@types/node'), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Linked after the install (npm prunes what its lockfile does not know): the type-checks
    // use the TypeScript the repository pins.
    symlinkSync(join(repoRoot, 'node_modules', 'typescript'), join(project, 'node_modules', 'typescript'), 'dir');

    const tarballs = Object.fromEntries(packs.map((p) => [p.name, p.file]));
    writeFileSync(join(work, 'ready.json'), JSON.stringify({ tarballs, packs, project: 'project' }, null, 2));
    publish(work, finalDir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  prune(finalDir);
}

// Another run may have built the same key meanwhile: then its copy is as good as ours.
function publish(work, finalDir) {
  try {
    renameSync(work, finalDir);
  } catch (error) {
    if (!existsSync(join(finalDir, 'ready.json'))) throw error;
    rmSync(work, { recursive: true, force: true });
  }
}

function prune(keep) {
  const entries = readdirSync(CACHE_ROOT)
    .map((name) => join(CACHE_ROOT, name))
    .filter((path) => path !== keep && !path.includes('building-'))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const stale of entries.slice(KEPT_ENTRIES - 1)) rmSync(stale, { recursive: true, force: true });
}
