// Bundles the bootstrap into one CommonJS file: a cold start loads exactly one module,
// and `require('node:net')` from CommonJS avoids the undici load that an ESM import of
// node:http triggers on Node 22/24. Minified: V8 scans every byte of the file before it
// runs a line, and the half-size file compiles about 0.5 ms sooner (Node 24, this machine).
// No source map ships: the runtime's own errors say what went wrong in their messages.
//
// Every internal module is imported statically, and the build refuses an import() or
// require() of one. Such an import makes esbuild wrap the imported module, and every module
// that it imports, in a lazy init function; the wrappers that run at start-up are then parsed
// twice (pre-parsed with the file, parsed again when called). Without wrappers the bundle is
// plain top-level code, and with the costly builtins loaded at first use (src/builtin.ts) the
// first /next came 2-2.8 ms sooner (Node 24, this machine): the code that only some functions
// use costs less to scan than the wrappers cost to run.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const noLazyInternalImports = {
  name: 'no-lazy-internal-imports',
  setup(build) {
    build.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      if (args.kind !== 'dynamic-import' && args.kind !== 'require-call') return undefined;
      return { errors: [{ text: `${args.path} is loaded with ${args.kind === 'require-call' ? 'require()' : 'import()'}: import it statically (see scripts/bundle.mjs for why).` }] };
    });
  },
};
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', plugins: [noLazyInternalImports] };
await build({ ...common, entryPoints: [join(pkg, 'src', 'bootstrap.ts')], outfile: join(pkg, 'dist', 'bootstrap.cjs') });
// The runtime layer's entry: runs bootstrap.cjs from a V8 code cache when one ships beside it.
await build({ ...common, entryPoints: [join(pkg, 'src', 'launch', 'launch.ts')], outfile: join(pkg, 'dist', 'launch.cjs') });
