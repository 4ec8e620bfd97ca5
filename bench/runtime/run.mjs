#!/usr/bin/env node
// Runtime benchmark: thaw's bootstrap vs the official aws-lambda-ric vs a bare node:http
// loop, all against one fake Runtime API in its own process. Contenders are interleaved
// round by round (the order rotates) and the report gives medians and ratios, because on a
// shared machine only figures taken side by side mean anything.
//
//   node bench/runtime/run.mjs            full run (a few minutes): Node 24 and 22
//   node bench/runtime/run.mjs --quick    smoke run (well under a minute): Node 24 only
// Options: --node 24,22  --only cold,buffered,streaming,concurrency  --rounds N  --skip-official
//          --from-raw (re-render the report from bench/results/runtime.raw.json)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeBinary } from '../../scripts/node-binary.mjs';
import { contenders, lambdaEnv, TASK_ROOT } from './contenders/index.mjs';
import { startFakeApi } from './fake-api/control.mjs';
import { assertProcAvailable } from './proc-stats.mjs';
import { machineInfo } from './report/machine.mjs';
import { writeReports } from './report/write.mjs';
import { bufferedRound, KB, MB } from './scenarios/buffered.mjs';
import { coldSample } from './scenarios/cold.mjs';
import { concurrencyRound } from './scenarios/concurrency.mjs';
import { streamingRound } from './scenarios/streaming.mjs';
import { rotate } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const SCENARIOS = ['cold', 'buffered', 'streaming', 'concurrency'];

function settings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      node: { type: 'string' },
      only: { type: 'string' },
      rounds: { type: 'string' },
      'skip-official': { type: 'boolean', default: false },
      'from-raw': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const q = values.quick;
  const nodes = (values.node ?? (q ? '24' : '24,22')).split(',').map((v) => Number(v.trim()));
  for (const n of nodes) if (![22, 24].includes(n)) throw new Error(`--node accepts 22 and/or 24 (the official client needs Node 22+), got "${values.node}"`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : SCENARIOS;
  for (const s of only) if (!SCENARIOS.includes(s)) throw new Error(`--only accepts ${SCENARIOS.join(', ')}; got "${s}"`);
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds must be a positive integer, got "${values.rounds}"`);
  return {
    help: values.help, fromRaw: values['from-raw'], quick: q, nodes, only, skipOfficial: values['skip-official'],
    // Cold samples are cheap (one spawn each) and noisy, so there are many of them.
    cold: { rounds: rounds ?? (q ? 2 : 7), samples: q ? 2 : 4 },
    buffered: {
      rounds: rounds ?? (q ? 2 : 7),
      // Warm-ups long enough for V8 to finish optimising the hot path: measured in windows of
      // 2000 x 1 KB on this machine, CPU per invocation kept falling until about 4000
      // invocations (thaw's by 2.6x, the official client's by 1.4x), and the optimising
      // compiler's threads count in the CPU.
      sizes: [
        { label: '1KB', size: KB, warmup: q ? 50 : 5000, count: q ? 300 : 3000 },
        { label: '1MB', size: MB, warmup: q ? 3 : 30, count: q ? 20 : 100 },
      ],
    },
    streaming: { rounds: rounds ?? (q ? 1 : 5), streamBytes: 10 * MB, warmup: q ? 1 : 3, count: q ? 2 : 6 },
    concurrency: { rounds: rounds ?? (q ? 1 : 3), levels: [1, 8, 64], waves: q ? 6 : 20 },
  };
}

const log = (line) => process.stderr.write(`${line}\n`);

/** Runs `fn` for a contender; a failure is recorded and, after two, the contender is dropped. */
async function attempt(bucket, contender, fn) {
  if (bucket.failures.length >= 2) return;
  try {
    bucket.rounds.push(await fn());
  } catch (err) {
    bucket.failures.push(err.message);
    log(`  ! ${contender.id}: ${err.message.split('\n')[0]}`);
  }
}

const bucketFor = (table, key) => (table[key] ??= { rounds: [], failures: [] });

async function benchNode(api, node, cfg, list) {
  const out = { version: node.version, cold: {}, buffered: {}, streaming: {}, concurrency: {}, unavailable: {} };
  const ready = [];
  for (const c of list) {
    if (c.unavailable) out.unavailable[c.id] = c.unavailable;
    else ready.push(c);
  }
  for (const c of ready) await c.prepare?.(node.bin, node.version);
  const spec = (c, handler, extra) => ({ command: c.command(node.bin), env: lambdaEnv(api.runtimeApi, handler, { ...extra, ...c.env }), cwd: TASK_ROOT });
  // Cold-start-only and concurrency-only contenders are another row's runtime in another mode.
  const starters = ready.filter((c) => !c.concurrencyOnly);
  const warm = ready.filter((c) => !c.coldOnly && !c.concurrencyOnly);

  if (cfg.only.includes('cold')) {
    await api.prepare(KB);
    for (let r = 0; r < cfg.cold.rounds; r++) {
      for (const c of rotate(starters, r)) {
        for (let i = 0; i < cfg.cold.samples; i++) {
          await attempt(bucketFor(out.cold, c.id), c, () => coldSample(api, spec(c, 'echo.handler'), node.bin));
        }
      }
      log(`  cold-start round ${r + 1}/${cfg.cold.rounds} done`);
    }
  }
  if (cfg.only.includes('buffered')) {
    for (const size of cfg.buffered.sizes) await api.prepare(size.size);
    for (let r = 0; r < cfg.buffered.rounds; r++) {
      for (const c of rotate(warm, r)) {
        await attempt(bucketFor(out.buffered, c.id), c, () => bufferedRound(api, spec(c, 'echo.handler'), cfg.buffered.sizes));
      }
      log(`  buffered round ${r + 1}/${cfg.buffered.rounds} done`);
    }
  }
  if (cfg.only.includes('streaming')) {
    const streamers = warm.filter((c) => c.streaming);
    const env = { BENCH_STREAM_BYTES: String(cfg.streaming.streamBytes) };
    for (let r = 0; r < cfg.streaming.rounds; r++) {
      for (const c of rotate(streamers, r)) {
        await attempt(bucketFor(out.streaming, c.id), c, () => streamingRound(api, spec(c, 'stream.handler', env), cfg.streaming));
      }
      log(`  streaming round ${r + 1}/${cfg.streaming.rounds} done`);
    }
  }
  if (cfg.only.includes('concurrency')) {
    const concurrent = ready.filter((c) => c.concurrency);
    for (const level of cfg.concurrency.levels) {
      const env = { AWS_LAMBDA_MAX_CONCURRENCY: String(level), AWS_LAMBDA_INITIALIZATION_TYPE: 'lambda-managed-instances' };
      const table = (out.concurrency[level] ??= {});
      for (let r = 0; r < cfg.concurrency.rounds; r++) {
        for (const c of rotate(concurrent, r)) {
          await attempt(bucketFor(table, c.id), c, () => concurrencyRound(api, spec(c, 'io-wait.handler', env), { concurrency: level, waves: cfg.concurrency.waves }));
        }
      }
      log(`  concurrency ${level} done`);
    }
  }
  return out;
}

async function main() {
  const argv = process.argv.slice(2);
  const cfg = settings(argv);
  if (cfg.help) {
    console.log('usage: node bench/runtime/run.mjs [--quick] [--node 24,22] [--only cold,buffered,streaming,concurrency] [--rounds N] [--skip-official] [--from-raw]');
    return;
  }
  if (cfg.fromRaw) {
    // Re-renders RESULTS.md and chart.svg from the last run's raw figures, without measuring.
    const rawDir = join(repoRoot, 'bench', 'results');
    const raw = join(rawDir, 'runtime.raw.json');
    if (!existsSync(raw)) throw new Error(`--from-raw needs ${relative(repoRoot, raw)}; run the benchmark once first.`);
    const files = writeReports(JSON.parse(readFileSync(raw, 'utf8')), { benchDir: here, rawDir });
    log(`re-rendered ${files.slice(0, 2).map((f) => relative(repoRoot, f)).join(', ')} from ${relative(repoRoot, raw)}`);
    return;
  }
  assertProcAvailable();
  const started = Date.now();
  const node24 = nodeBinary(24);
  const list = contenders({ skipOfficial: cfg.skipOfficial, officialNode: node24 });
  const official = list.find((c) => c.id === 'official');
  if (!official.unavailable) {
    try {
      official.command(node24);
    } catch (err) {
      official.unavailable = err.message;
      log(`! official client unavailable: ${err.message}`);
    }
  }
  const machine = machineInfo();
  const api = await startFakeApi(node24);
  const results = [];
  try {
    for (const major of cfg.nodes) {
      const bin = nodeBinary(major);
      const node = { bin, version: execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() };
      log(`Node ${node.version}:`);
      results.push(await benchNode(api, node, cfg, list));
    }
  } finally {
    await api.close();
  }
  const run = {
    date: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    command: `node bench/runtime/run.mjs${argv.length ? ` ${argv.join(' ')}` : ''}`,
    machine: { ...machine, fakeApiNode: execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim() },
    settings: cfg,
    contenders: list.map(({ id, label, streaming, concurrency, coldOnly }) => ({ id, label, streaming, concurrency, coldOnly: coldOnly === true })),
    results,
  };
  const files = writeReports(run, { benchDir: here, rawDir: join(repoRoot, 'bench', 'results') });
  log(`done in ${run.durationS.toFixed(0)} s; wrote ${files.map((f) => relative(repoRoot, f)).join(', ')}`);
}

main().catch((err) => {
  process.stderr.write(`runtime benchmark failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
