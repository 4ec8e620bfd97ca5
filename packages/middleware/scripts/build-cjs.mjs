// The CommonJS build: one bundled file for `require('@thaw/middleware')` (Node 20 cannot
// require ESM), with dependencies left external. The ESM declarations are copied beside it
// under a `"type": "commonjs"` package.json, so TypeScript reads them as CommonJS types.
import { build } from 'esbuild';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkg, 'dist');
const cjs = join(dist, 'cjs');

await rm(cjs, { recursive: true, force: true });
await build({
  entryPoints: [join(pkg, 'src', 'index.ts')],
  outfile: join(cjs, 'index.js'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
await writeFile(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');

for (const file of await declarations(dist)) {
  const target = join(cjs, relative(dist, file));
  await mkdir(dirname(target), { recursive: true });
  await cp(file, target);
}

async function declarations(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path !== cjs) found.push(...(await declarations(path)));
    else if (entry.isFile() && entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}
