// The issue-4 concurrency scenario (Lambda Managed Instances): the runtime is told
// AWS_LAMBDA_MAX_CONCURRENCY=c and the fake API keeps up to c invocations in flight, each
// waiting 20 ms in the handler. Ideal throughput is c / 20 ms; what is lost is runtime overhead.
import { cpuNs, memoryMiB, threadCount } from '../proc-stats.mjs';
import { KB } from './buffered.mjs';
import { withRuntime } from './session.mjs';

export const IO_WAIT_MS = 20;

/** One round at one concurrency for one contender. */
export async function concurrencyRound(api, spec, { concurrency, waves }) {
  return withRuntime(api, spec, async (s) => {
    const plan = { eventSize: KB, expectEcho: false, concurrency };
    // Enough warm-up that the JIT has settled even at concurrency 1, where few invocations
    // fit in the window and background compilation would otherwise inflate CPU per invocation.
    const warm = s.serve({ ...plan, tag: `c${concurrency}-warmup`, count: Math.max(concurrency * 2, 40) });
    const runtime = s.spawn();
    await warm;
    const idle = memoryMiB(runtime.pid);
    const count = concurrency * waves;
    const m = await s.measure({ ...plan, tag: `c${concurrency}`, count });
    const windowMs = m.endedAt - m.startedAt;
    const perSecond = count / (windowMs / 1000);
    return {
      perSecond,
      efficiency: perSecond / ((concurrency * 1000) / IO_WAIT_MS),
      cpuUs: m.cpuNs / 1000 / count,
      idleRssMiB: idle.rss,
      peakMiB: m.memory.peak,
      maxInFlight: m.maxInFlight,
      threads: threadCount(runtime.pid),
    };
  });
}
