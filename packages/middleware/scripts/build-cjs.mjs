// The CommonJS build, for `require('@thaw/middleware')` and its subpaths (Node 20 cannot
// require ESM). Every source file is compiled to a CommonJS file of its own, in the same
// layout as the ESM build, with dependencies left as they are: one module instance per
// file, so the entries (`.`, `./core`, `./logging`, `./metrics`) share the engine, the
// lifecycle and the registries instead of each bundling a copy. The ESM declarations are
// copied beside them under a `"type": "commonjs"` package.json, so TypeScript reads them as
// CommonJS types.
import { build } from 'esbuild';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(pkg, 'src');
const dist = join(pkg, 'dist');
const cjs = join(dist, 'cjs');

await rm(cjs, { recursive: true, force: true });
await build({
  entryPoints: await files(src, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.test(-d)?\.ts$/.test(name)),
  outdir: cjs,
  outbase: src,
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
await writeFile(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');

for (const file of await files(dist, (name) => name.endsWith('.d.ts'), cjs)) {
  const target = join(cjs, relative(dist, file));
  await mkdir(dirname(target), { recursive: true });
  await cp(file, target);
}

async function files(dir, wanted, skip) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path !== skip) found.push(...(await files(path, wanted, skip)));
    else if (entry.isFile() && wanted(entry.name)) found.push(path);
  }
  return found;
}
