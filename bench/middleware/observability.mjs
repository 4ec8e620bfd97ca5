// Logging + metrics overhead, side by side with @middy/core + Powertools' own Middy
// middlewares (injectLambdaContext + logMetrics), and the cold import of the bundled package.
// Run by run.mjs (which appends this section to RESULTS.md), or alone after the build:
//   node bench/middleware/observability.mjs [--calls 20000] [--rounds 9] [--processes 7] [--imports 15] [--node /path/to/node]
// --node runs every measured process (invocations and imports) on that Node binary.
// Every variant writes one JSON log line and one EMF line per invocation to the same
// /dev/null stdout (the measuring runs in a child process whose stdout is /dev/null), so
// the cost of writing is in both columns alike.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureInterleaved, median } from './interleaved.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = join(root, 'packages', 'middleware');
const requireFromPkg = createRequire(join(pkg, 'package.json'));
const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '9' },
    imports: { type: 'string', default: '15' },
    // The invocations are measured in several fresh processes: one process is one draw of
    // memory layout and JIT decisions, and its ratio alone moved between 0.40 and 0.57
    // (Node 24, seven processes, same build).
    processes: { type: 'string', default: '7' },
    child: { type: 'boolean', default: false },
    append: { type: 'string' },
    node: { type: 'string' },
  },
});

const nodeBin = args.node ?? process.execPath;

if (args.child) await measureInvocations();
else await main();

async function measureInvocations() {
  const calls = Number(args.calls);
  const rounds = Number(args.rounds);
  const load = (specifier) => import(pathToFileURL(requireFromPkg.resolve(specifier)).href);
  const { Logger } = await load('@aws-lambda-powertools/logger');
  const { Metrics, MetricUnit } = await load('@aws-lambda-powertools/metrics');
  const { injectLambdaContext } = await load('@aws-lambda-powertools/logger/middleware');
  const { logMetrics } = await load('@aws-lambda-powertools/metrics/middleware');
  const { default: middy } = await import(pathToFileURL(join(pkg, 'node_modules', '@middy', 'core', 'index.js')).href);
  const { lambda, logging, metrics } = await import(pathToFileURL(join(pkg, 'dist', 'index.js')).href);

  const deadline = Date.now() + 60 * 60_000;
  const context = {
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000000', functionName: 'bench', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench', memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  const pair = () => [new Logger({ serviceName: 'bench' }), new Metrics({ namespace: 'Bench', serviceName: 'bench' })];
  const work = (logger, store) => async (event) => {
    logger.info('order placed', { order: event });
    store.addMetric('OrdersPlaced', MetricUnit.Count, 1);
    return event;
  };
  const [middyLogger, middyMetrics] = pair();
  // thaw creates its Logger and Metrics from the same settings (a Logger it creates skips
  // the per-invocation sampling draw when no sample rate is configured).
  const thawLogging = logging({ loggerOptions: { serviceName: 'bench' } });
  const thawMetrics = metrics({ namespace: 'Bench', serviceName: 'bench' });
  const variants = {
    '@middy/core + injectLambdaContext + logMetrics': middy(work(middyLogger, middyMetrics))
      .use(injectLambdaContext(middyLogger))
      .use(logMetrics(middyMetrics)),
    'thaw lambda + logging() + metrics()': lambda(work(thawLogging.logger, thawMetrics.metrics)).use(thawLogging).use(thawMetrics),
  };
  process.send(await measureInterleaved(variants, { calls, rounds, context }));
}

function runChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBin, [fileURLToPath(import.meta.url), '--child', '--calls', args.calls, '--rounds', args.rounds], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, THAW_LIFECYCLE_MARKER: join(scratch, 'marker'), POWERTOOLS_DEV: '' },
    });
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`the measuring child exited with ${code}`))));
  });
}

/**
 * Bundles an entry with esbuild (minified, ESM, like a deployed function) into the scratch dir;
 * `thawBuild` adds what `thaw build` adds: its plugin that loads node:crypto at first use.
 */
async function bundle(name, contents, { thawBuild = false } = {}) {
  const { build } = await import(pathToFileURL(requireFromPkg.resolve('esbuild')).href);
  const plugins = thawBuild ? [(await import(pathToFileURL(join(root, 'packages', 'cli', 'dist', 'packaging', 'lazy-crypto.js')).href)).lazyCrypto()] : [];
  const outfile = join(scratch, `${name}.mjs`);
  const run = (banner) =>
    build({
      stdin: { contents, resolveDir: pkg, loader: 'js' },
      bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node20', outfile,
      metafile: true, logLevel: 'error',
      // The managed Node runtimes ship the AWS SDK v3, and the KMS client is only loaded when
      // an encrypted variable is decrypted: left external, as a deployed function would.
      external: ['@aws-sdk/*'],
      plugins,
      ...(banner ? { banner: { js: REQUIRE_BANNER } } : {}),
    });
  let result = await run(false);
  // esbuild's ESM output needs a require only when bundled code calls `require` (it then
  // adds its __require shim, whose error text survives minification; the name does not). The
  // banner that provides one imports node:module, which costs 1.5-3 ms by itself, so it is
  // added only to a bundle that needs it.
  const needsRequire = readFileSync(outfile, 'utf8').includes('Dynamic require of "');
  if (needsRequire) result = await run(true);
  const bytes = Object.values(result.metafile.outputs)[0].bytes;
  return { file: outfile, bytes, needsRequire };
}

const REQUIRE_BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/** Import time in a fresh process: performance.now() around one dynamic import. */
function importMs(file) {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const run = spawnSync(nodeBin, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, THAW_LIFECYCLE_MARKER: 'off' } });
  if (run.status !== 0) throw new Error(`import of ${file} failed: ${run.stderr}`);
  return Number(run.stdout);
}

var scratch;
async function main() {
  scratch = mkdtempSync(join(tmpdir(), 'thaw-bench-obs-'));
  try {
    const perProcess = [];
    for (let i = 0; i < Number(args.processes); i++) perProcess.push(await runChild());
    const dist = (file) => JSON.stringify(join(pkg, 'dist', file));
    // What a function imports: the engine alone (the `core` entry, no Powertools), or the
    // engine with logging and metrics (the package root, everything).
    const coreBundle = await bundle('thaw-core', `export * from ${dist('core.js')};`);
    const thawBundle = await bundle('thaw-middleware', `export * from ${dist('index.js')};`);
    // What a function using the engine with logging and metrics bundles: esbuild keeps only
    // what those three reach (no KMS, init cache or env helpers).
    const usedBundle = await bundle('thaw-used', `export { lambda, logging, metrics } from ${dist('index.js')};`);
    // What logging() and metrics() cannot do without: Powertools' Logger and Metrics alone.
    const powertoolsBundle = await bundle(
      'powertools',
      "export { Logger } from '@aws-lambda-powertools/logger';\nexport { Metrics } from '@aws-lambda-powertools/metrics';",
    );
    const anchorSource = [
      `export { default as middy } from ${JSON.stringify(join(pkg, 'node_modules', '@middy', 'core', 'index.js'))};`,
      "export { Logger } from '@aws-lambda-powertools/logger';",
      "export { Metrics } from '@aws-lambda-powertools/metrics';",
      "export { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';",
      "export { logMetrics } from '@aws-lambda-powertools/metrics/middleware';",
    ].join('\n');
    const anchorBundle = await bundle('middy-powertools', anchorSource);
    // The same two, bundled as `thaw build` bundles a function (node:crypto loaded at first use).
    const thawBuildBundle = await bundle('thaw-middleware-thaw-build', `export * from ${dist('index.js')};`, { thawBuild: true });
    const anchorThawBuildBundle = await bundle('middy-powertools-thaw-build', anchorSource, { thawBuild: true });
    // The floor: importing an empty module in a fresh process (the ESM loader's own cost).
    const empty = join(scratch, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const files = { empty, core: coreBundle.file, thaw: thawBundle.file, used: usedBundle.file, powertools: powertoolsBundle.file, anchor: anchorBundle.file, thawBuild: thawBuildBundle.file, anchorThawBuild: anchorThawBuildBundle.file, unbundled: join(pkg, 'dist', 'index.js') };
    const imports = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
    // Interleaved: every round imports each file once, in a fresh process, starting with a
    // different one each round.
    const names = Object.keys(files);
    for (let i = 0; i < Number(args.imports); i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length];
        imports[name].push(importMs(files[name]));
      }
    }
    const report = section(perProcess, { core: coreBundle, thaw: thawBundle, used: usedBundle, powertools: powertoolsBundle, anchor: anchorBundle, thawBuild: thawBuildBundle, anchorThawBuild: anchorThawBuildBundle }, Object.fromEntries(Object.entries(imports).map(([k, v]) => [k, median(v)])));
    if (args.append) writeFileSync(args.append, report, { flag: 'a' });
    process.stdout.write(report);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function section(perProcess, bundles, imports) {
  const anchorName = '@middy/core + injectLambdaContext + logMetrics';
  const thawName = 'thaw lambda + logging() + metrics()';
  const ns = { [anchorName]: median(perProcess.map((p) => p[anchorName])), [thawName]: median(perProcess.map((p) => p[thawName])) };
  const ratios = perProcess.map((p) => p[thawName] / p[anchorName]);
  // Each process's ratio compares the two variants under the same conditions; the median of those is the figure.
  const ratio = median(ratios);
  const kb = (name) => (bundles[name].bytes / 1024).toFixed(1);
  const over = (name) => imports[name] - imports.empty;
  const verdict = (name) => (over(name) <= 10 ? 'meets' : 'misses');
  const banner = Object.entries(bundles).filter(([, b]) => b.needsRequire).map(([name]) => name);
  const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const nodeFlag = args.node ? ` --node ${args.node}` : '';
  return `
## Logging and metrics (issue 7)

Command: \`node bench/middleware/observability.mjs --calls ${args.calls} --rounds ${args.rounds} --processes ${args.processes} --imports ${args.imports}${nodeFlag}\` (after \`pnpm build\`; run.mjs runs it too)
Node ${nodeVersion}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}. Each invocation writes one JSON log line
(\`logger.info\` with one extra key, the Lambda context and the cold-start field) and one EMF line (one metric) to
stdout = /dev/null; ${args.calls} awaited calls per variant per round, ${args.rounds} interleaved rounds, medians, in each of
${args.processes} fresh processes. Same Powertools Logger/Metrics configuration on both sides; both sides add the context
and handle the cold start.

| variant | ns per invocation (median of processes) | per process |
|---|---|---|
| ${anchorName} | ${ns[anchorName].toFixed(0)} | ${perProcess.map((p) => p[anchorName].toFixed(0)).join(', ')} |
| ${thawName} | ${ns[thawName].toFixed(0)} | ${perProcess.map((p) => p[thawName].toFixed(0)).join(', ')} |

- thaw / anchor, median of the per-process ratios: **${ratio.toFixed(3)}** (goal <= 0.5: ${ratio <= 0.5 ? 'met' : 'missed'}); per process: ${ratios.map((r) => r.toFixed(3)).join(', ')}

Cold import in a fresh process: \`performance.now()\` around one dynamic import of an esbuild
bundle (minified ESM, AWS SDK external; ${banner.length === 0 ? 'no bundle needs a \`require\`, so none gets the createRequire banner' : `the createRequire banner only in ${banner.join(', ')}, which need a \`require\``}),
median of ${args.imports}, interleaved. The floor (an empty module) is the ESM loader's own first-import
cost, paid by every ESM function whatever it imports, so the goal (at most 10 ms) is read as
milliseconds over the floor: no import can take less than the floor itself.

| import | bundle KB | ms | over the floor |
|---|---|---|---|
| an empty module (the floor) | 0.0 | ${imports.empty.toFixed(1)} | — |
| \`@thaw/middleware/core\` (engine, init cache, env, KMS, redaction; no Powertools) | ${kb('core')} | ${imports.core.toFixed(1)} | ${over('core').toFixed(1)} |
| \`@thaw/middleware\` (the above + logging + metrics, with Powertools) | ${kb('thaw')} | ${imports.thaw.toFixed(1)} | ${over('thaw').toFixed(1)} |
| \`{ lambda, logging, metrics }\` from \`@thaw/middleware\` (what such a function bundles) | ${kb('used')} | ${imports.used.toFixed(1)} | ${over('used').toFixed(1)} |
| Powertools Logger + Metrics alone (what logging + metrics load) | ${kb('powertools')} | ${imports.powertools.toFixed(1)} | ${over('powertools').toFixed(1)} |
| @middy/core + Powertools logger + metrics + their middlewares (anchor) | ${kb('anchor')} | ${imports.anchor.toFixed(1)} | ${over('anchor').toFixed(1)} |
| \`@thaw/middleware\`, bundled by \`thaw build\` (node:crypto loaded at first use) | ${kb('thawBuild')} | ${imports.thawBuild.toFixed(1)} | ${over('thawBuild').toFixed(1)} |
| anchor, bundled by \`thaw build\` | ${kb('anchorThawBuild')} | ${imports.anchorThawBuild.toFixed(1)} | ${over('anchorThawBuild').toFixed(1)} |
| \`@thaw/middleware\`, unbundled dist (for reference) | — | ${imports.unbundled.toFixed(1)} | ${over('unbundled').toFixed(1)} |

- engine only (\`/core\`): ${over('core').toFixed(1)} ms over the floor, ${verdict('core')} the 10 ms goal
- engine + logging + metrics: ${over('thaw').toFixed(1)} ms over the floor, ${verdict('thaw')} the 10 ms goal; anchor ${over('anchor').toFixed(1)} ms over (whole-import ratio thaw / anchor ${(imports.thaw / imports.anchor).toFixed(2)})
- bundled by \`thaw build\`, which loads node:crypto at first use (Powertools' Logger imports it for its sampling draw): ${over('thawBuild').toFixed(1)} ms over the floor, ${verdict('thawBuild')} the 10 ms goal; anchor the same way ${over('anchorThawBuild').toFixed(1)} ms over
- a function importing only \`lambda\`, \`logging\` and \`metrics\`: ${over('used').toFixed(1)} ms over the floor
- of which Powertools alone: ${over('powertools').toFixed(1)} ms over the floor
`;
}
