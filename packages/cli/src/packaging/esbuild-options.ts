import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { lazyCrypto } from './lazy-crypto.js';

export type OutputFormat = 'esm' | 'cjs';
export type NodeTarget = 'node22' | 'node24';

export interface FunctionBuildInput {
  entry: string;
  outDir: string;
  format: OutputFormat;
  target: NodeTarget;
  minify: boolean;
  sourcemap: boolean;
  externalAwsSdk: boolean;
}

// The packages the managed nodejs runtimes ship with AWS SDK v3 (the clients and what they
// are built from). Left external, they resolve to the runtime's copy at /var/runtime.
export const AWS_SDK_PACKAGES = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'];

// esbuild turns a CommonJS dependency's require('x') into a __require shim that needs a real
// `require` in scope; an ES module has none, so the bundle defines one before anything runs.
const ESM_REQUIRE_BANNER = [
  "import { createRequire as __thawCreateRequire } from 'node:module';",
  'const require = __thawCreateRequire(import.meta.url);',
].join('\n');

/** The file Lambda loads: the handler is `index.handler` either way. */
export function outputFile(input: Pick<FunctionBuildInput, 'outDir' | 'format'>): string {
  return join(input.outDir, input.format === 'esm' ? 'index.mjs' : 'index.js');
}

/** esbuild options for one Lambda function bundle. */
export function functionBuildOptions(input: FunctionBuildInput): BuildOptions & { metafile: true; write: true } {
  return {
    entryPoints: [input.entry],
    outfile: outputFile(input),
    bundle: true,
    platform: 'node',
    format: input.format,
    target: input.target,
    minify: input.minify,
    sourcemap: input.sourcemap ? 'linked' : false,
    // Keep names: stack traces and errorType values in Lambda logs stay readable when minified.
    keepNames: input.minify,
    // `module` before `main`: prefer a package's ES build, which tree-shakes better.
    mainFields: input.format === 'esm' ? ['module', 'main'] : ['main', 'module'],
    external: input.externalAwsSdk ? AWS_SDK_PACKAGES : [],
    banner: input.format === 'esm' ? { js: ESM_REQUIRE_BANNER } : {},
    // Imports of node:crypto functions load the module at first call, not at start-up.
    plugins: [lazyCrypto()],
    metafile: true,
    write: true,
    logLevel: 'silent',
    absWorkingDir: process.cwd(),
  };
}
