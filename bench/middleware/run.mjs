// Engine overhead, side by side with @middy/core 7. Run from the repository root after
// `pnpm build`:  node bench/middleware/run.mjs [--calls 100000] [--rounds 9]
// Every round runs each variant once, in the same order, so machine noise hits them alike
// (interleaved); the table reports the median over rounds of ns per invocation.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureInterleaved } from './interleaved.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = join(root, 'packages', 'middleware');
const { lambda, initCache, initCacheMiddleware } = await import(pathToFileURL(join(pkg, 'dist', 'index.js')).href);
const { default: middy } = await import(pathToFileURL(join(pkg, 'node_modules', '@middy', 'core', 'index.js')).href);

const { values: args } = parseArgs({
  options: { calls: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '9' } },
});
const calls = Number(args.calls);
const rounds = Number(args.rounds);

const deadline = Date.now() + 15 * 60_000;
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => deadline - Date.now() };
const base = async (event) => event;
const threeSync = () => [{ before: () => undefined }, { after: () => undefined }, { before: () => undefined, after: () => undefined }];
const cache = initCache({ table: () => 'orders', limit: () => 10 }, { name: 'bench' });
await cache.getAll();

const variants = {
  'bare async handler': base,
  'thaw lambda(handler)': lambda(base),
  'middy(handler), defaults': middy(base),
  'middy(handler), timeoutEarlyInMillis 0': middy(base, { timeoutEarlyInMillis: 0 }),
  'thaw + 3 sync middlewares': lambda(base).use(threeSync()),
  'middy + 3 sync middlewares': middy(base).use(threeSync()),
  'thaw + initCacheMiddleware (warm)': lambda(base).use(initCacheMiddleware(cache)),
  'thaw, handler reads its signal': lambda(async (event, _context, tools) => (tools.signal, event)),
};

const ns = await measureInterleaved(variants, { calls, rounds, context });
const bare = ns['bare async handler'];
const overhead = (name) => ns[name] - bare;
const rows = Object.keys(ns).map(
  (name) => `| ${name} | ${ns[name].toFixed(0)} | ${name === 'bare async handler' ? '—' : overhead(name).toFixed(0)} |`,
);
const engine = overhead('thaw lambda(handler)');
const middyDefault = overhead('middy(handler), defaults');
const ratio = (a, b) => (ns[a] / ns[b]).toFixed(3);

const report = `# Middleware engine overhead

Command: \`node bench/middleware/run.mjs --calls ${calls} --rounds ${rounds}\` (after \`pnpm build\`)
Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}.
${calls} awaited calls per variant per round, ${rounds} interleaved rounds (starting variant rotated), medians.\nThe machine is shared: compare rows of one run, not absolute values across runs.

| variant | ns per invocation | overhead over bare (ns) |
|---|---|---|
${rows.join('\n')}

Ratios (whole invocation, medians):
- thaw / middy defaults: ${ratio('thaw lambda(handler)', 'middy(handler), defaults')}
- thaw / middy timeoutEarlyInMillis 0: ${ratio('thaw lambda(handler)', 'middy(handler), timeoutEarlyInMillis 0')}
- thaw + 3 / middy + 3: ${ratio('thaw + 3 sync middlewares', 'middy + 3 sync middlewares')}

Goal (issue 5): engine alone <= 300 ns per invocation and <= 0.25x of @middy/core.
- engine overhead over a bare handler: ${engine.toFixed(0)} ns (${engine <= 300 ? 'meets' : 'misses'} the 300 ns goal)
- engine overhead / middy overhead (defaults): ${(engine / middyDefault).toFixed(3)} (${engine / middyDefault <= 0.25 ? 'meets' : 'misses'} the 0.25x goal)
- whole invocation thaw / middy: ${ratio('thaw lambda(handler)', 'middy(handler), defaults')}

Why: thaw creates no AbortController unless the handler reads \`tools.signal\` (the last row
shows that cost, paid only by handlers that use it), hooks are flattened into arrays at
\`.use()\` time, and synchronous hooks are not awaited.
`;
writeFileSync(join(here, 'RESULTS.md'), report);
process.stdout.write(report);

// Logging + metrics (issue 7): a scenario of its own, appended to RESULTS.md as a section.
(await import('node:child_process')).spawnSync(process.execPath, [join(here, 'observability.mjs'), '--append', join(here, 'RESULTS.md')], { stdio: 'inherit' });
