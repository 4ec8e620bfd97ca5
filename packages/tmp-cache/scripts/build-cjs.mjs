// CommonJS build: one esbuild bundle of the ESM source, plus declarations emitted next to
// it. <out>/package.json marks the folder as CommonJS so that both Node and TypeScript
// read index.js and its .d.ts files as CommonJS for `require` consumers.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Builds the CommonJS flavour of the package at `root` into `out` (the future dist/cjs). */
export async function buildCjs(root, out) {
  await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--emitDeclarationOnly', '--outDir', out], { stdio: 'inherit' });
}
