// The issue-2 warm scenario, one fresh runtime per contender and round: echo loops with
// 1 KB and 1 MB events, after a warm-up so the JIT has settled.
import { withRuntime } from './session.mjs';

export const KB = 1024;
export const MB = 1024 * 1024;

/** Returns one round's warm figures for one contender: cycle and CPU in µs per invocation. */
export async function bufferedRound(api, spec, sizes) {
  return withRuntime(api, spec, async (s) => {
    // Start-up is measured by the cold scenario; here the first invocation is only a warm-up.
    const first = s.serve({ tag: 'first', count: 1, eventSize: KB });
    s.spawn();
    await first;
    const out = {};
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
