// Cold start of a bundled function on the thaw runtime layer, against the official client.
//
//   node bench/cold-start/run.mjs [--runs 20]
//
// Steps: `thaw build examples/hello` (the demo function, bundled), `thaw layer runtime
// --node 24` (bootstrap + runtime client + Node 24.21.0), both unzipped into a work directory
// standing for /var/task and /opt. Then, interleaved, each run starts a fresh emulator and
// times one invoke: process spawn -> init -> first response, as the caller sees it.
//   thaw          the layer's bootstrap, no compile cache
//   thaw+cache    the same with NODE_COMPILE_CACHE pointing at a cache generated beforehand
//                 (one priming run), kept read-only afterwards as it would be in a layer
//   official      aws-lambda-ric 4.0.2 on the same Node 24 binary (bench/runtime/official.mjs)
// Reports medians, p90 and ratios to `thaw`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// bench/ is not a workspace dependent of the emulator: import its built output directly.
import { startEmulator } from '../../packages/emulator/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(tmpdir(), 'thaw-cold-start'); // scratch, outside the repository
const thawBin = join(root, 'packages', 'cli', 'bin', 'thaw.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, 'skip-official': { type: 'boolean' } } });
const runs = Number(values.runs);

const thaw = (...args) => execFileSync(process.execPath, [thawBin, ...args, '--quiet'], {
  cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, THAW_NODE_CACHE: join(root, '.cache', 'node') },
});
const unzip = (zip, into) => execFileSync('unzip', ['-q', '-o', zip, '-d', into]);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
thaw('build', 'examples/hello/index.mjs', '--out', join(work, 'bundle'), '--zip', join(work, 'function.zip'), '--minify');
thaw('layer', 'runtime', '--node', '24', '--out', join(work, 'runtime.zip'));
const task = join(work, 'var-task');
const opt = join(work, 'opt');
unzip(join(work, 'function.zip'), task);
unzip(join(work, 'runtime.zip'), opt);
const node24 = join(opt, 'thaw', 'node');
const cacheDir = join(work, 'compile-cache');

async function coldInvoke(command, env = {}) {
  const emulator = await startEmulator({ command, handler: 'index.handler', taskRoot: task, env, timeoutSeconds: 30 });
  try {
    const started = performance.now();
    const result = await emulator.invoke({ queryStringParameters: { name: 'bench' } });
    const ms = performance.now() - started;
    if (result.status !== 'success') throw new Error(`${command.join(' ')}: ${result.status} ${result.logs.join('\n')}`);
    return ms;
  } finally {
    await emulator.close();
  }
}

const contenders = [
  { name: 'thaw', command: [join(opt, 'bootstrap')], env: {} },
  { name: 'thaw+cache', command: [join(opt, 'bootstrap')], env: { NODE_COMPILE_CACHE: cacheDir } },
];
if (!values['skip-official']) {
  try {
    const { officialEntry } = await import('../runtime/official.mjs');
    contenders.push({ name: 'official', command: [node24, officialEntry(node24)], env: {} });
  } catch (error) {
    process.stderr.write(`official client not measured: ${error.message}\n`);
  }
}

// Generate the compile cache once, as a build step would. Node writes the cache only when the
// process exits normally, and a Lambda runtime never does (it is frozen, then killed): so the
// priming runs the bootstrap without a Runtime API (it compiles everything, reports the
// missing variable and exits) and imports the handler module in a second short process.
// Then the cache is frozen read-only, as it would be inside a layer.
const prime = { ...process.env, NODE_COMPILE_CACHE: cacheDir };
try {
  execFileSync(join(opt, 'bootstrap'), { env: prime, stdio: 'ignore' });
} catch {
  // exits 1 by design: AWS_LAMBDA_RUNTIME_API is not set
}
execFileSync(node24, ['--input-type=module', '-e', `await import(${JSON.stringify(join(task, 'index.mjs'))})`], { env: prime });
const cacheFiles = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
chmodSync(cacheDir, 0o555);

// Warm the file-system cache for every contender before measuring.
for (const c of contenders) await coldInvoke(c.command, c.env);
const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
for (let i = 0; i < runs; i++) {
  // Rotate the order each round so no contender always runs first (or last).
  for (let j = 0; j < contenders.length; j++) {
    const c = contenders[(i + j) % contenders.length];
    samples[c.name].push(await coldInvoke(c.command, c.env));
  }
}
chmodSync(cacheDir, 0o755);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const base = quantile(samples.thaw, 0.5);
console.log(`cold start, spawn to first response (ms), Node ${execFileSync(node24, ['--version']).toString().trim()}, ${runs} interleaved runs each`);
console.log(`compile cache: ${cacheFiles.length} entries generated by one priming run`);
console.log('| contender | median | p90 | ratio to thaw (median) |');
console.log('|---|---|---|---|');
for (const c of contenders) {
  const m = quantile(samples[c.name], 0.5);
  console.log(`| ${c.name} | ${m.toFixed(1)} | ${quantile(samples[c.name], 0.9).toFixed(1)} | ${(m / base).toFixed(2)} |`);
}
if (!existsSync(join(task, 'index.mjs'))) throw new Error('the bundle is missing');
