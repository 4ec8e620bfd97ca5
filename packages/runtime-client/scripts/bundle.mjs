// Bundles the bootstrap into one CommonJS file: a cold start loads exactly one module,
// and `require('node:net')` from CommonJS avoids the undici load that an ESM import of
// node:http triggers on Node 22/24. Minified: V8 scans every byte of the file before it
// runs a line, and the half-size file compiles about 0.5 ms sooner (Node 24, this machine).
// No source map ships: the runtime's own errors say what went wrong in their messages.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };
const bootstrap = join(pkg, 'dist', 'bootstrap.cjs');
await build({ ...common, entryPoints: [join(pkg, 'src', 'bootstrap.ts')], outfile: bootstrap });
writeFileSync(bootstrap, withFunctionModuleWrappers(readFileSync(bootstrap, 'utf8')));
// The runtime layer's entry: runs bootstrap.cjs from a V8 code cache when one ships beside it.
await build({ ...common, entryPoints: [join(pkg, 'src', 'launch', 'launch.ts')], outfile: join(pkg, 'dist', 'launch.cjs') });

/**
 * esbuild wraps each module that is imported lazily somewhere in an init arrow,
 * `d(()=>{...})`, and a minified bundle puts most modules in one. Node compiles a CommonJS
 * file as the body of a function that runs at once, and V8 fully compiles every arrow
 * directly inside such a body, while a function expression is only pre-parsed until called:
 * with arrows, about half the bundle was compiled before its first line ran (0.4-0.8 ms,
 * Node 24, this machine). A module's top level uses neither `this` nor `arguments`, so the
 * two forms behave the same. Fails the build when esbuild's helper changes shape.
 */
function withFunctionModuleWrappers(code) {
  const helper = /var ([\w$]+)=\([\w$]+,[\w$]+,[\w$]+\)=>\(\)=>\{if\([\w$]+\)throw [\w$]+\[0\]/.exec(code);
  if (helper === null) throw new Error('bundle.mjs: esbuild\'s lazy module helper was not found in bootstrap.cjs; update withFunctionModuleWrappers for this esbuild version.');
  // A module's body opens with its "use strict" directive: no callback in the code does.
  const arrow = `${helper[1]}(()=>{"use strict";`;
  const count = code.split(arrow).length - 1;
  if (count < 20) throw new Error(`bundle.mjs: only ${count} module wrappers "${arrow}" found in bootstrap.cjs; update withFunctionModuleWrappers for this esbuild version.`);
  return code.split(arrow).join(`${helper[1]}(function(){"use strict";`);
}
