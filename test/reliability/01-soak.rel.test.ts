// Soak: 200,000 sequential invocations and 20,000 at concurrency 64 (Managed Instances mode)
// through the real bootstrap and the real emulator. Every response carries the sequence
// number of its event and the request id it was invoked for: none may be lost, duplicated
// or crossed. The runtime's memory (VmRSS/VmHWM) and the emulator's (its heap after a
// collection) are sampled along the way and must stay bounded.
import type { InvokeResult } from '@thaw/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { mib, recordSection } from './support/figures.js';
import { heapAfterGc, rssOf } from './support/memory.js';
import { FIXTURES } from './support/paths.js';
import { pipelined, startRuntime, type Runtime } from './support/runtime.js';
import { join } from 'node:path';

const SEQUENTIAL = Number(process.env.THAW_SOAK_SEQUENTIAL ?? 200_000);
const CONCURRENT = Number(process.env.THAW_SOAK_CONCURRENT ?? 20_000);
const CONCURRENCY = 64;
const WARM_UP_SHARE = 0.05;
// Growth allowed from the end of the warm-up to the end of the run, measured after a full
// collection: a leak of 50 bytes per invocation would show as 9.5 MiB over 190,000 invocations.
const MAX_RUNTIME_HEAP_GROWTH_KIB = 8 * 1024;
const MAX_EMULATOR_HEAP_GROWTH_KIB = 8 * 1024;
// Resident memory also grows while V8 sizes its heap lazily (no pressure to collect): a
// looser bound, reported alongside.
const MAX_RUNTIME_RSS_GROWTH_KIB = 64 * 1024;

interface SoakFigures {
  invocations: number;
  ok: number;
  lost: number;
  duplicated: number;
  crossed: number;
  coldStarts: number;
  seconds: number;
  runtime: { startKiB: number; endKiB: number; peakKiB: number; warmKiB: number; heapWarmKiB: number; heapEndKiB: number };
  emulator: { heapStartKiB: number; heapEndKiB: number; heapWarmKiB: number; rssEndKiB: number; rssPeakKiB: number };
}

const LARGE_EVENTS = 300;
const LARGE_EVENT_BYTES = 1024 * 1024;
// The emulator keeps recent invocations for late requests, within a 64 MiB payload budget (plus slack here).
const MAX_LARGE_RETAINED_KIB = 96 * 1024;
let largeRetainedKiB: number | undefined;

const sections: Array<[string, SoakFigures]> = [];
afterAll(() => {
  const rows: Array<[string, string | number]> = [];
  const checks: Array<[string, boolean]> = [];
  for (const [name, f] of sections) {
    rows.push(
      [`${name}: invocations`, f.invocations],
      [`${name}: responses correct (seq and request id)`, f.ok],
      [`${name}: lost / duplicated / crossed`, `${f.lost} / ${f.duplicated} / ${f.crossed}`],
      [`${name}: runtime processes started`, f.coldStarts],
      [`${name}: wall time`, `${f.seconds.toFixed(1)} s (${((f.seconds * 1e6) / f.invocations).toFixed(0)} µs per invocation)`],
      [`${name}: runtime VmRSS start → end (peak VmHWM)`, `${mib(f.runtime.startKiB)} → ${mib(f.runtime.endKiB)} (${mib(f.runtime.peakKiB)})`],
      [`${name}: runtime VmRSS growth after warm-up`, mib(f.runtime.endKiB - f.runtime.warmKiB)],
      [`${name}: runtime heap + Buffers after GC, warm → end`, `${mib(f.runtime.heapWarmKiB)} → ${mib(f.runtime.heapEndKiB)}`],
      [`${name}: emulator heap + Buffers after GC start → warm → end`, `${mib(f.emulator.heapStartKiB)} → ${mib(f.emulator.heapWarmKiB)} → ${mib(f.emulator.heapEndKiB)}`],
      [`${name}: emulator process VmRSS end (peak VmHWM)`, `${mib(f.emulator.rssEndKiB)} (${mib(f.emulator.rssPeakKiB)})`],
    );
    checks.push(
      [`${name}: zero lost, duplicated or crossed responses`, f.lost + f.duplicated + f.crossed === 0 && f.ok === f.invocations],
      [`${name}: one runtime process for the whole run`, f.coldStarts === 1],
      [`${name}: runtime heap growth after warm-up (after GC) ≤ ${mib(MAX_RUNTIME_HEAP_GROWTH_KIB)}`, f.runtime.heapEndKiB - f.runtime.heapWarmKiB <= MAX_RUNTIME_HEAP_GROWTH_KIB],
      [`${name}: runtime RSS growth after warm-up ≤ ${mib(MAX_RUNTIME_RSS_GROWTH_KIB)}`, f.runtime.endKiB - f.runtime.warmKiB <= MAX_RUNTIME_RSS_GROWTH_KIB],
      [`${name}: emulator heap + Buffers growth after warm-up ≤ ${mib(MAX_EMULATOR_HEAP_GROWTH_KIB)}`, f.emulator.heapEndKiB - f.emulator.heapWarmKiB <= MAX_EMULATOR_HEAP_GROWTH_KIB],
    );
  }
  if (largeRetainedKiB !== undefined) {
    rows.push([`emulator memory (heap + Buffers) retained after ${LARGE_EVENTS} echoes of 1 MiB events (results dropped)`, mib(largeRetainedKiB)]);
    checks.push([`emulator retains ≤ ${mib(MAX_LARGE_RETAINED_KIB)} after ${LARGE_EVENTS} 1 MiB invocations`, largeRetainedKiB <= MAX_LARGE_RETAINED_KIB]);
  }
  recordSection({
    order: '01',
    title: 'Soak',
    summary: `The real bootstrap (\`dist/bootstrap.cjs\`) under the real emulator, invoked through the programmatic invoke with up to ${CONCURRENCY * 2} invocations queued (pipelined). Sequential: one runtime loop, ${SEQUENTIAL.toLocaleString('en-US')} invocations. Managed Instances: emulator \`maxConcurrency: ${CONCURRENCY}\`, \`AWS_LAMBDA_MAX_CONCURRENCY=${CONCURRENCY}\`, ${CONCURRENT.toLocaleString('en-US')} invocations. Each event carries a sequence number; the function answers with it, with \`context.awsRequestId\` and logs one line. Memory is read at the start, after a warm-up of 5% of the run, and at the end: resident memory from /proc/<pid>/status (VmRSS, VmHWM), and the heap plus Buffers after a full collection (the runtime runs with --expose-gc; the function collects when asked).`,
    rows,
    checks,
  });
});

async function runtimeHeapAfterGc(runtime: Runtime): Promise<number> {
  const { memory } = (await runtime.emulator.invoke({ gc: true })).response as { memory: { heapUsed: number; external: number } };
  return Math.round((memory.heapUsed + memory.external) / 1024);
}

async function soak(name: string, runtime: Runtime, count: number, window: number): Promise<SoakFigures> {
  const seen = new Uint8Array(count);
  const figures: SoakFigures = {
    invocations: count, ok: 0, lost: 0, duplicated: 0, crossed: 0, coldStarts: 0, seconds: 0,
    runtime: { startKiB: 0, endKiB: 0, peakKiB: 0, warmKiB: 0, heapWarmKiB: 0, heapEndKiB: 0 },
    emulator: { heapStartKiB: heapAfterGc(), heapEndKiB: 0, heapWarmKiB: 0, rssEndKiB: 0, rssPeakKiB: 0 },
  };
  // The first invocation starts the runtime and tells its pid.
  const first = await runtime.emulator.invoke({ seq: -1 });
  const pid = (first.response as { pid: number }).pid;
  figures.coldStarts += first.cold ? 1 : 0;
  figures.runtime.startKiB = rssOf(pid).rssKiB;
  const check = (result: InvokeResult, index: number): void => {
    if (result.cold) figures.coldStarts++;
    const response = result.response as { seq?: number; id?: string } | undefined;
    if (result.status !== 'success' || typeof response?.seq !== 'number') {
      runtime.capture.result(result);
    } else if (response.seq !== index || response.id !== result.requestId) {
      figures.crossed++;
      runtime.capture.result(result);
    } else if ((seen[index] ?? 0) > 0) {
      figures.duplicated++;
    } else {
      seen[index] = 1;
      figures.ok++;
    }
    if (index % 1000 === 0) runtime.capture.result(result);
  };
  const started = performance.now();
  // Warm-up (5%), then the memory baseline, then the rest of the run.
  const warm = Math.max(1, Math.floor(count * WARM_UP_SHARE));
  await pipelined(runtime.emulator, warm, window, (index) => ({ seq: index }), check);
  figures.runtime.warmKiB = rssOf(pid).rssKiB;
  figures.runtime.heapWarmKiB = await runtimeHeapAfterGc(runtime);
  figures.emulator.heapWarmKiB = heapAfterGc();
  await pipelined(runtime.emulator, count - warm, window, (index) => ({ seq: warm + index }), (result, index) => check(result, warm + index));
  figures.seconds = (performance.now() - started) / 1000;
  const end = rssOf(pid);
  figures.runtime.endKiB = end.rssKiB;
  figures.runtime.peakKiB = end.hwmKiB;
  figures.runtime.heapEndKiB = await runtimeHeapAfterGc(runtime);
  figures.emulator.heapEndKiB = heapAfterGc();
  const self = rssOf(process.pid);
  figures.emulator.rssEndKiB = self.rssKiB;
  figures.emulator.rssPeakKiB = self.hwmKiB;
  // Lost: every sequence number that never came back right (failed, crossed or missing).
  figures.lost = seen.reduce((missing, times) => missing + (times === 0 ? 1 : 0), 0) - figures.crossed;
  sections.push([name, figures]);
  return figures;
}

function expectSound(f: SoakFigures, count: number): void {
  expect({ lost: f.lost, duplicated: f.duplicated, crossed: f.crossed, ok: f.ok, coldStarts: f.coldStarts }).toEqual({ lost: 0, duplicated: 0, crossed: 0, ok: count, coldStarts: 1 });
  expect(f.runtime.heapEndKiB - f.runtime.heapWarmKiB).toBeLessThanOrEqual(MAX_RUNTIME_HEAP_GROWTH_KIB);
  expect(f.runtime.endKiB - f.runtime.warmKiB).toBeLessThanOrEqual(MAX_RUNTIME_RSS_GROWTH_KIB);
  expect(f.emulator.heapEndKiB - f.emulator.heapWarmKiB).toBeLessThanOrEqual(MAX_EMULATOR_HEAP_GROWTH_KIB);
}

describe('soak through the real bootstrap and emulator', () => {
  it(`${SEQUENTIAL} sequential invocations: none lost, duplicated or crossed; memory bounded`, async () => {
    const runtime = await startRuntime({ captureAs: 'soak-sequential', taskRoot: join(FIXTURES, 'echo'), freeze: false, nodeArgs: ['--expose-gc'] });
    try {
      expectSound(await soak('sequential', runtime, SEQUENTIAL, 2 * CONCURRENCY), SEQUENTIAL);
    } finally {
      await runtime.close();
    }
  }, 600_000);

  it(`${CONCURRENT} invocations at concurrency ${CONCURRENCY} (Managed Instances): none lost, duplicated or crossed`, async () => {
    const runtime = await startRuntime({ captureAs: 'soak-concurrent', taskRoot: join(FIXTURES, 'echo'), maxConcurrency: CONCURRENCY, nodeArgs: ['--expose-gc'] });
    try {
      expectSound(await soak('concurrency 64', runtime, CONCURRENT, 2 * CONCURRENCY), CONCURRENT);
    } finally {
      await runtime.close();
    }
  }, 600_000);

  it(`${LARGE_EVENTS} echoes of 1 MiB events: the emulator does not keep the megabytes`, async () => {
    const runtime = await startRuntime({ captureAs: 'soak-large', taskRoot: join(FIXTURES, 'echo'), freeze: false });
    try {
      await runtime.emulator.invoke({ seq: -1 });
      const before = heapAfterGc();
      const padding = 'p'.repeat(LARGE_EVENT_BYTES);
      let ok = 0;
      await pipelined(runtime.emulator, LARGE_EVENTS, 4, (seq) => ({ seq, padding }), (result, seq) => {
        if (result.status === 'success' && (result.response as { seq?: number }).seq === seq) ok++;
      });
      largeRetainedKiB = heapAfterGc() - before;
      expect(ok).toBe(LARGE_EVENTS);
      expect(largeRetainedKiB).toBeLessThanOrEqual(MAX_LARGE_RETAINED_KIB);
    } finally {
      await runtime.close();
    }
  }, 300_000);
});
