// The issue-2 scenario, one fresh runtime per contender and round: cold start (spawn to
// first /next, spawn to first response), then warm echo loops with 1 KB and 1 MB events.
import { memoryMiB } from '../proc-stats.mjs';
import { withRuntime } from './session.mjs';

export const KB = 1024;
export const MB = 1024 * 1024;

/** Returns one round's figures for one contender; times in ms, CPU in µs per invocation. */
export async function bufferedRound(api, spec, sizes) {
  return withRuntime(api, spec, async (s) => {
    const cold = s.serve({ tag: 'cold', count: 1, eventSize: KB });
    const runtime = s.spawn();
    const first = await cold;
    const out = {
      coldNextMs: first.firstNextAt - runtime.spawnedAt,
      coldResponseMs: first.firstResponseAt - runtime.spawnedAt,
      coldPeakMiB: memoryMiB(runtime.pid).peak,
    };
    for (const { label, size, warmup, count } of sizes) {
      await s.serve({ tag: `warmup-${label}`, count: warmup, eventSize: size });
      const m = await s.measure({ tag: label, count, eventSize: size });
      const windowMs = m.endedAt - m.startedAt;
      out[label] = {
        cycleUs: (windowMs * 1000) / count,
        cpuUs: m.cpuNs / 1000 / count,
        perSecond: count / (windowMs / 1000),
        peakMiB: m.memory.peak,
      };
    }
    return out;
  });
}
