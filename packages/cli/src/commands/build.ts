import { existsSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import { packagingFlags } from './packaging-flags.js';
import { bundleFunction } from '../packaging/bundle.js';
import { formatBytes } from '../packaging/bytes.js';
import type { NodeTarget, OutputFormat } from '../packaging/esbuild-options.js';
import { readTree } from '../packaging/file-tree.js';
import { Output } from '../packaging/output.js';
import { sizeReport, type SizeReport } from '../packaging/size-report.js';
import { describeZip, writeZipFile } from '../packaging/zip-file.js';

const help = `usage: thaw build <entry> [options]

Bundles a Lambda function with esbuild into one file (index.mjs for ESM, index.js for
CommonJS; the handler is index.<export>) and reports what the bundle is made of.
In an ES module bundle, files that import only plain functions from node:crypto get a
stand-in that loads it at first call, so the function does not pay for it at init.

options:
  --out <dir>              output directory (default dist/lambda); old bundles in it are replaced
  --format esm|cjs         module format (default esm)
  --target node22|node24   Node.js version to compile for (default node22)
  --runtime managed|provided
                           where it runs: the managed nodejs runtimes (default), which ship
                           AWS SDK v3, or provided.al2023 with the thaw runtime layer
  --external-aws-sdk       leave @aws-sdk/*, @smithy/* out: use the managed runtime's copy
  --minify                 minify (names are kept, so stack traces stay readable)
  --sourcemap              write index.*.map; run with NODE_OPTIONS=--enable-source-maps
  --zip <file>             also write a deterministic zip of the bundle, ready to upload
  --s3                     the zip is uploaded through S3 (the 50 MB direct-upload limit does not apply)
  --quiet                  print only warnings and errors
  --json                   print one JSON document (for scripts)
`;

export async function build(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    format: { type: 'string' },
    target: { type: 'string' },
    runtime: { type: 'string' },
    'external-aws-sdk': { type: 'boolean' },
    minify: { type: 'boolean' },
    sourcemap: { type: 'boolean' },
    zip: { type: 'string' },
    ...packagingFlags,
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing the entry file, e.g. `thaw build src/index.ts`' : `expected one entry file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const format = choice('format', values.format, ['esm', 'cjs'] as const, 'esm') satisfies OutputFormat;
  const target = choice('target', values.target, ['node22', 'node24'] as const, 'node22') satisfies NodeTarget;
  const runtime = choice('runtime', values.runtime, ['managed', 'provided'] as const, 'managed');
  const externalAwsSdk = values['external-aws-sdk'] === true;
  if (externalAwsSdk && runtime === 'provided') {
    throw new UsageError('--external-aws-sdk with --runtime provided: a custom runtime has no AWS SDK to fall back on; bundle it (drop --external-aws-sdk)');
  }
  const entry = resolve(positionals[0]!);
  if (!existsSync(entry) || !statSync(entry).isFile()) {
    throw new UsageError(`entry ${positionals[0]} does not exist or is not a file: give the handler's source file, e.g. src/index.ts`);
  }
  if (values.s3 && values.zip === undefined) throw new UsageError('--s3 only applies with --zip <file>');
  const output = new Output('build', { json: values.json === true, quiet: values.quiet === true });

  return output.run(async () => {
    const outDir = resolve(values.out ?? 'dist/lambda');
    const bundled = await bundleFunction({
      entry, outDir, format, target, externalAwsSdk,
      minify: values.minify === true,
      sourcemap: values.sourcemap === true,
    });
    for (const warning of bundled.warnings) output.warn(`esbuild: ${warning}`);
    const report = sizeReport(bundled.metafile, relative(process.cwd(), bundled.outFile).split('\\').join('/'));
    if (runtime === 'managed' && report.awsSdkBytes > 0) {
      output.warn(
        `${formatBytes(report.awsSdkBytes)} of the AWS SDK is bundled (${report.awsSdkPackages.slice(0, 3).join(', ')}` +
          `${report.awsSdkPackages.length > 3 ? ', …' : ''}), but the managed nodejs runtimes already ship AWS SDK v3: ` +
          'pass --external-aws-sdk to use theirs (keep it bundled only to pin an SDK version)',
      );
    }
    const zip = values.zip === undefined
      ? undefined
      : await writeZipFile('function zip', readTree(outDir, '', (name) => name === '.DS_Store'), resolve(values.zip), { progress: output.progress, viaS3: values.s3 === true });

    printReport(output, report, outDir, format);
    if (zip) output.info(describeZip(zip));
    output.result({ outDir, handler: 'index.handler', format, target, files: readdirSync(outDir).sort(), size: report, zip });
    return 0;
  });
}

function printReport(output: Output, report: SizeReport, outDir: string, format: OutputFormat): void {
  output.info(`${relative(process.cwd(), outDir) || '.'}/${format === 'esm' ? 'index.mjs' : 'index.js'}  ${formatBytes(report.outputBytes)}  (handler: index.<export>, e.g. index.handler)`);
  output.info('largest contributors:');
  for (const c of report.contributors) {
    output.info(`  ${formatBytes(c.bytes).padStart(9)}  ${(c.share * 100).toFixed(1).padStart(5)}%  ${c.name}`);
  }
}

function choice<const T extends readonly string[]>(name: string, raw: string | undefined, allowed: T, fallback: T[number]): T[number] {
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}
