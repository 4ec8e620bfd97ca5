#!/usr/bin/env node
// Where an invocation's time goes with logging() + metrics(): the bench's handler (one log
// line, one metric), timed as it is and with process.stdout.write replaced by a no-op, so the
// JavaScript and the two writes can be told apart. Each figure comes from a fresh process;
// the builds given are alternated, so they meet the same machine noise.
//   node bench/middleware/where-time-goes.mjs [--builds dist,../old/dist] [--processes 5] [--node /path/to/node]
// A build is a directory holding the middleware's dist (index.js), relative to packages/middleware.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureInterleaved, median } from './interleaved.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', 'packages', 'middleware');
const { values: args } = parseArgs({
  options: {
    builds: { type: 'string', default: 'dist' },
    processes: { type: 'string', default: '5' },
    node: { type: 'string' },
    child: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

if (args.child) {
  const requireFromPkg = createRequire(join(pkg, 'package.json'));
  const { MetricUnit } = await import(pathToFileURL(requireFromPkg.resolve('@aws-lambda-powertools/metrics')).href);
  const { lambda, logging, metrics } = await import(pathToFileURL(join(resolve(pkg, args.child), 'index.js')).href);
  const deadline = Date.now() + 60 * 60_000;
  const context = {
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000000', functionName: 'bench', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench', memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  const log = logging({ loggerOptions: { serviceName: 'bench' } });
  const metric = metrics({ namespace: 'Bench', serviceName: 'bench' });
  const handler = lambda(async (event) => {
    log.logger.info('order placed', { order: event });
    metric.metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
    return event;
  }).use(log).use(metric);
  if (args['no-write']) process.stdout.write = () => true;
  const { handler: ns } = await measureInterleaved({ handler }, { calls: 20_000, rounds: 7, context });
  process.stderr.write(`${ns}\n`);
} else {
  const builds = args.builds.split(',');
  const node = args.node ?? process.execPath;
  const samples = {};
  for (let i = 0; i < Number(args.processes); i++) {
    for (const build of builds) {
      for (const noWrite of [false, true]) {
        const run = spawnSync(node, [fileURLToPath(import.meta.url), '--child', build, ...(noWrite ? ['--no-write'] : [])], {
          stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, THAW_LIFECYCLE_MARKER: 'off' },
        });
        if (run.status !== 0) throw new Error(`the measuring process for ${build} failed: ${run.stderr}`);
        (samples[`${build}${noWrite ? ', writes replaced by a no-op' : ''}`] ??= []).push(Number(run.stderr));
      }
    }
  }
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`Node ${version}, stdout = /dev/null, ${args.processes} processes per row (7 rounds of 20,000 each, median per process)\n\n| build | ns per invocation, median of processes | all processes |\n|---|---|---|\n`);
  for (const [name, list] of Object.entries(samples)) {
    process.stdout.write(`| ${name} | ${median(list).toFixed(0)} | ${[...list].sort((a, b) => a - b).map((v) => v.toFixed(0)).join(', ')} |\n`);
  }
}
