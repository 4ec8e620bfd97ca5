// The package build: ESM with declarations (tsc), then the CommonJS bundle, both into a
// staging directory; only a complete build is moved into dist/, file by file (see
// replace-in-place.mjs), so dist/ is never missing or half-written while it is rebuilt.
import { execFileSync } from 'node:child_process';
import { rmSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCjs } from './build-cjs.mjs';
import { replaceInPlace } from './replace-in-place.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package (same filesystem as dist/, so each move is a rename), git-ignored (.build/),
// one per build process so that two builds at once do not write into each other's files.
const staging = join(root, '.build', `dist-${process.pid}`);

rmSync(staging, { recursive: true, force: true });
try {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', staging], { stdio: 'inherit' });
  await buildCjs(root, join(staging, 'cjs'));
  replaceInPlace(staging, join(root, 'dist'));
} finally {
  rmSync(staging, { recursive: true, force: true });
  try {
    rmdirSync(dirname(staging));
  } catch {
    // Another build is still using .build/.
  }
}
