// Cold start, sampled many times because one spawn is noisy: `node -e 0` on the same binary
// (the floor), then at once the contender, timed from spawn to its first /next and to its
// first response. The paired difference is the runtime's own start-up cost.
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuNs, memoryMiB } from '../proc-stats.mjs';
import { nodeFloorMs } from '../runtime-process.mjs';
import { KB } from './buffered.mjs';
import { withRuntime } from './session.mjs';

export async function coldSample(api, spec, nodeBin) {
  const floorMs = await nodeFloorMs(nodeBin);
  return withRuntime(api, spec, async (s) => {
    const first = s.serve({ tag: 'cold', count: 1, eventSize: KB });
    const runtime = s.spawn();
    const r = await first;
    const coldNextMs = r.firstNextAt - runtime.spawnedAt;
    const coldResponseMs = r.firstResponseAt - runtime.spawnedAt;
    // CPU spent on start-up plus the first invocation, read once the runtime is back in its
    // long poll. Unlike wall time it hardly moves when other processes compete for the cores.
    await parked(api);
    const coldCpuMs = cpuNs(runtime.pid) / 1e6;
    return {
      floorMs,
      coldNextMs,
      coldNextOverFloorMs: coldNextMs - floorMs,
      coldResponseMs,
      coldResponseOverFloorMs: coldResponseMs - floorMs,
      coldCpuMs,
      peakMiB: memoryMiB(runtime.pid).peak,
    };
  });
}

async function parked(api) {
  for (let i = 0; i < 200; i++) {
    if ((await api.status()).parked > 0) return;
    await sleep(1);
  }
  throw new Error('the runtime did not ask for its next invocation within about a second of its first response');
}
