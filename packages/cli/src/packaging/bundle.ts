import type { BuildFailure, Message, Metafile } from 'esbuild';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors.js';
import { functionBuildOptions, outputFile, type FunctionBuildInput } from './esbuild-options.js';

export interface BundleResult {
  outFile: string;
  metafile: Metafile;
  /** esbuild warnings, formatted as `file:line:column: text`. */
  warnings: string[];
}

// What a previous `thaw build` may have left in the output directory: removed first so that
// switching --format or dropping --sourcemap cannot leave a stale file to be zipped.
const PREVIOUS_OUTPUTS = ['index.mjs', 'index.mjs.map', 'index.js', 'index.js.map', 'package.json'];

/** Bundles one function. Build errors become one PackagingError listing every esbuild error. */
export async function bundleFunction(input: FunctionBuildInput): Promise<BundleResult> {
  if (!existsSync(input.entry) || !statSync(input.entry).isFile()) {
    throw new PackagingError(`entry ${input.entry} does not exist or is not a file: give the handler's source file, e.g. src/index.ts`);
  }
  mkdirSync(input.outDir, { recursive: true });
  for (const name of PREVIOUS_OUTPUTS) rmSync(join(input.outDir, name), { force: true });

  // esbuild is loaded only here: its native binary is not needed by other commands.
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build(functionBuildOptions(input));
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    if (!Array.isArray(failure.errors)) throw error;
    const lines = failure.errors.map(formatMessage);
    throw new PackagingError(`esbuild could not bundle ${input.entry} (${lines.length} error${lines.length === 1 ? '' : 's'}):\n  ${lines.join('\n  ')}`);
  }
  if (input.format === 'cjs') {
    // `index.js` is CommonJS only if no package.json above it says "type": "module";
    // this one makes it unambiguous locally and in the zip.
    writeFileSync(join(input.outDir, 'package.json'), '{ "type": "commonjs" }\n');
  }
  return { outFile: outputFile(input), metafile: result.metafile, warnings: result.warnings.map(formatMessage) };
}

/** `src/app.ts:12:4: Could not resolve "x"` — the place first, as editors and terminals link it. */
export function formatMessage(message: Pick<Message, 'text' | 'location'>): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  return `${where}${message.text}`;
}
