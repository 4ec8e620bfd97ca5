// KMS benchmarks: cold-start cost of decrypting 1, 5 and 20 variables (thaw's parallel
// decryptEnv vs one-after-the-other), import cost with and without the feature, and the
// number of KMS calls warm invocations make. Variants run interleaved, fresh process per
// sample; medians reported. Writes bench/kms/RESULTS.md.
//
//   npx -y pnpm@10.34.9 --filter @thaw/emulator --filter @thaw/middleware build
//   node bench/kms/run.mjs [--samples 7] [--latency 25]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startKms } from '../../packages/emulator/dist/index.js';
import { decryptEnv, lambda } from '../../packages/middleware/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { samples: { type: 'string', default: '7' }, latency: { type: 'string', default: '25' } } });
const samples = Number(args.samples);
const latencyMs = Number(args.latency);
const COUNTS = [1, 5, 20];
const loadAtStart = loadavg()[0];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => ms.toFixed(1);

const kms = await startKms();
const { keyId } = await kms.createKey();
const secretEnv = {};
for (let i = 0; i < Math.max(...COUNTS); i++) secretEnv[`SECRET_${i}`] = await kms.encrypt(keyId, `bench-secret-value-${i}`);
const childEnv = { PATH: process.env.PATH, ...kms.clientEnv(), ...secretEnv };
// Async on purpose: the stand-in lives in this process and must keep answering while a child runs.
const exec = promisify(execFile);
const run = async (script, argv) => {
  const { stdout } = await exec(process.execPath, [join(here, script), ...argv], { env: childEnv, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
};

// 1. Cold start: decrypt N variables against the stand-in with a round-trip latency added,
// so "parallel" vs "sequential" shows up as 1 vs N round trips.
kms.faults.latency(latencyMs);
const cold = {};
for (let s = 0; s < samples; s++) {
  for (const n of COUNTS) {
    for (const mode of ['thaw', 'sequential']) {
      kms.resetCalls();
      const r = await run('cold.mjs', [mode, String(n)]);
      if (kms.callCount('Decrypt') !== n) throw new Error(`${mode} ${n}: expected ${n} Decrypt calls, saw ${kms.callCount('Decrypt')}`);
      ((cold[`${mode}:${n}`] ??= []).push(r));
    }
  }
}
kms.faults.latency(0);

// 2. Import cost.
const imports = {};
for (let s = 0; s < samples; s++) {
  for (const variant of ['middleware', 'kms-sdk', 'middleware+kms-sdk']) (imports[variant] ??= []).push((await run('import.mjs', [variant])).importMs);
}

// 3. Warm invocations: one environment (this process), 1 cold + 1000 warm invocations.
Object.assign(process.env, kms.clientEnv(), secretEnv);
kms.resetCalls();
const secrets = decryptEnv({ names: Object.keys(secretEnv).slice(0, 5), context: 'none', redactConsole: false });
const handler = lambda(async (_event, context) => context.secrets.SECRET_0.length).use(secrets.middleware());
const ctx = { getRemainingTimeInMillis: () => 60_000, functionName: 'bench' };
await handler({}, ctx);
const afterCold = kms.callCount();
for (let i = 0; i < 1000; i++) await handler({}, ctx);
const warmCalls = kms.callCount() - afterCold;
await kms.close();

const lines = [
  '# KMS benchmarks',
  '',
  `Command: \`node bench/kms/run.mjs --samples ${samples} --latency ${latencyMs}\` (Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}).`,
  `Fresh process per sample, variants interleaved, medians of ${samples}. The local KMS stand-in adds ${latencyMs} ms to every call to stand in for a network round trip.`,
  `Machine: ${cpus().length} CPUs, 1-minute load average ${loadAtStart.toFixed(1)} at start (absolute times inflate with load; the ratios are the result).`,
  '',
  '## Cold start: decrypting N variables',
  '',
  '| variables | thaw decryptEnv (parallel), ms | one after the other, ms | sequential / thaw | thaw incl. imports, ms |',
  '|---|---|---|---|---|',
  ...COUNTS.map((n) => {
    const t = median(cold[`thaw:${n}`].map((r) => r.decryptMs));
    const q = median(cold[`sequential:${n}`].map((r) => r.decryptMs));
    return `| ${n} | ${fmt(t)} | ${fmt(q)} | ${(q / t).toFixed(2)}x | ${fmt(median(cold[`thaw:${n}`].map((r) => r.totalMs)))} |`;
  }),
  '',
  'Times from "SDK imported" to "all plaintexts available": client creation, credentials, signing and the calls. The last column adds importing @aws-sdk/client-kms and @thaw/middleware. The stand-in checked exactly N Decrypt calls per cold start.',
  '',
  '## Import cost',
  '',
  '| import | ms (median) |',
  '|---|---|',
  `| @thaw/middleware (feature unused: the KMS client is never loaded) | ${fmt(median(imports.middleware))} |`,
  `| @aws-sdk/client-kms alone | ${fmt(median(imports['kms-sdk']))} |`,
  `| @thaw/middleware + @aws-sdk/client-kms (a function that decrypts) | ${fmt(median(imports['middleware+kms-sdk']))} |`,
  '',
  '## Warm invocations',
  '',
  `One environment, 5 encrypted variables: the cold invocation made ${afterCold} KMS calls; the next 1000 warm invocations made **${warmCalls}**.`,
  '',
];
writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
if (warmCalls !== 0) process.exitCode = 1;
