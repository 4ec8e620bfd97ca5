// Turns a run's per-round figures into medians, ratios against the official client, and
// the verdicts on the goals.
import { medianOf, ratio } from '../stats.mjs';

export const BASELINE = 'official';
export const GOALS = {
  coldNextOverFloorMs: 3,      // first /next within 3 ms of `node -e 0`
  // The same goal as a ratio: it was set where the official client needs about 5.5 ms over
  // the floor, and a slower machine stretches every start-up cost (this one's floor is 3x).
  coldNextRatioMax: 3 / 5.5,
  cpu1KBRatioMax: 0.75,        // runtime CPU per 1 KB invocation <= 0.75x official
  throughput1MBRatioMin: 1.5,  // 1 MB invocations per second >= 1.5x official
};

const COLD_FIGURES = ['floorMs', 'coldNextMs', 'coldNextOverFloorMs', 'coldResponseMs', 'coldResponseOverFloorMs', 'coldCpuMs', 'peakMiB'];
const BUFFERED_FIGURES = [
  '1KB.cycleUs', '1KB.cpuUs', '1KB.perSecond', '1KB.peakMiB',
  '1MB.cycleUs', '1MB.cpuUs', '1MB.perSecond', '1MB.peakMiB',
];
const STREAMING_FIGURES = ['ttfbMs', 'mibPerSecond', 'cpuMsPerStream', 'peakMiB'];
const CONCURRENCY_FIGURES = ['perSecond', 'efficiency', 'cpuUs', 'idleRssMiB', 'peakMiB', 'threads'];

function medians(bucket, figures) {
  if (!bucket || bucket.rounds.length === 0) return undefined;
  const m = { rounds: bucket.rounds.length };
  for (const f of figures) m[f] = medianOf(bucket.rounds, f);
  return m;
}

function table(buckets, figures) {
  const out = {};
  for (const [id, bucket] of Object.entries(buckets ?? {})) {
    out[id] = { medians: medians(bucket, figures), failures: bucket.failures };
  }
  for (const row of Object.values(out)) {
    const base = out[BASELINE]?.medians;
    row.ratios = {};
    if (row.medians && base) for (const f of figures) row.ratios[f] = ratio(row.medians[f], base[f]);
  }
  return out;
}

function summarizeNode(result) {
  const cold = table(result.cold, COLD_FIGURES);
  const buffered = table(result.buffered, BUFFERED_FIGURES);
  const streaming = table(result.streaming, STREAMING_FIGURES);
  const concurrency = {};
  for (const [level, buckets] of Object.entries(result.concurrency ?? {})) concurrency[level] = table(buckets, CONCURRENCY_FIGURES);
  // Memory per in-flight invocation: what 63 more invocations in flight add to peak RSS.
  const levels = Object.keys(concurrency).map(Number).sort((a, b) => a - b);
  const perInFlight = {};
  if (levels.length >= 2) {
    const lo = levels[0];
    const hi = levels[levels.length - 1];
    for (const id of Object.keys(concurrency[hi])) {
      const a = concurrency[lo][id]?.medians?.peakMiB;
      const b = concurrency[hi][id]?.medians?.peakMiB;
      if (a !== undefined && b !== undefined) perInFlight[id] = { kib: ((b - a) * 1024) / (hi - lo), from: lo, to: hi };
    }
  }
  return { version: result.version, cold, buffered, streaming, concurrency, perInFlight, unavailable: result.unavailable };
}

function goals(node) {
  const thaw = node.buffered.thaw?.medians;
  const base = node.buffered[BASELINE]?.medians;
  const thawCold = node.cold.thaw?.medians;
  const baseCold = node.cold[BASELINE]?.medians;
  const verdict = (value, ok) => (value === undefined ? { value, met: undefined } : { value, met: ok(value) });
  return [
    {
      goal: `first /next within ${GOALS.coldNextOverFloorMs} ms of the \`node -e 0\` floor`,
      unit: 'ms over floor',
      thaw: thawCold?.coldNextOverFloorMs, official: baseCold?.coldNextOverFloorMs,
      ...verdict(thawCold?.coldNextOverFloorMs, (v) => v <= GOALS.coldNextOverFloorMs),
    },
    {
      goal: `first /next over the floor <= ${GOALS.coldNextRatioMax.toFixed(2)}x the official client's (the goal's 3 ms against its 5.5 ms)`,
      unit: 'x official',
      thaw: thawCold?.coldNextOverFloorMs, official: baseCold?.coldNextOverFloorMs,
      ...verdict(ratio(thawCold?.coldNextOverFloorMs, baseCold?.coldNextOverFloorMs), (v) => v <= GOALS.coldNextRatioMax),
    },
    ...(node.cold['thaw-cached']?.medians
      ? [{
          goal: `first /next within ${GOALS.coldNextOverFloorMs} ms of the floor, runtime layer with its code cache`,
          unit: 'ms over floor',
          thaw: node.cold['thaw-cached'].medians.coldNextOverFloorMs, official: baseCold?.coldNextOverFloorMs,
          ...verdict(node.cold['thaw-cached'].medians.coldNextOverFloorMs, (v) => v <= GOALS.coldNextOverFloorMs),
        }]
      : []),
    {
      goal: `runtime CPU per 1 KB invocation <= ${GOALS.cpu1KBRatioMax}x official`,
      unit: 'x official',
      thaw: thaw?.['1KB.cpuUs'], official: base?.['1KB.cpuUs'],
      ...verdict(ratio(thaw?.['1KB.cpuUs'], base?.['1KB.cpuUs']), (v) => v <= GOALS.cpu1KBRatioMax),
    },
    {
      goal: `1 MB invocations per second >= ${GOALS.throughput1MBRatioMin}x official`,
      unit: 'x official',
      thaw: thaw?.['1MB.perSecond'], official: base?.['1MB.perSecond'],
      ...verdict(ratio(thaw?.['1MB.perSecond'], base?.['1MB.perSecond']), (v) => v >= GOALS.throughput1MBRatioMin),
    },
  ];
}

export function summarize(run) {
  const nodes = run.results.map(summarizeNode);
  for (const n of nodes) n.goals = goals(n);
  return { nodes };
}
