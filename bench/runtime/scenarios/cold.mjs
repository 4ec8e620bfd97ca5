// Cold start, sampled many times because one spawn is noisy: `node -e 0` on the same binary
// (the floor), then at once the contender, timed from spawn to its first /next and to its
// first response. The paired difference is the runtime's own start-up cost.
import { memoryMiB } from '../proc-stats.mjs';
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
    return {
      floorMs,
      coldNextMs,
      coldNextOverFloorMs: coldNextMs - floorMs,
      coldResponseMs,
      coldResponseOverFloorMs: coldResponseMs - floorMs,
      peakMiB: memoryMiB(runtime.pid).peak,
    };
  });
}
