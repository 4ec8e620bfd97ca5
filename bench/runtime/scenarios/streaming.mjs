// The issue-4 streaming scenario: a handler streams 10 MiB (a small first chunk, then
// 64 KiB chunks); the fake API times the first body byte and the whole response.
import { median } from '../stats.mjs';
import { KB } from './buffered.mjs';
import { withRuntime } from './session.mjs';

/** One round for one contender: median time to first byte (ms), MiB/s, CPU ms per stream. */
export async function streamingRound(api, spec, { streamBytes, count, warmup }) {
  return withRuntime(api, spec, async (s) => {
    // Node's stream machinery takes a few responses to be compiled: the first streams of a
    // fresh process run several times slower than later ones, for every contender.
    const cold = s.serve({ tag: 'stream-warmup', count: warmup, eventSize: KB, expectEcho: false });
    s.spawn();
    await cold;
    const m = await s.measure({ tag: 'stream', count, eventSize: KB, expectEcho: false });
    if (m.streamedBytes !== streamBytes * count) {
      throw new Error(`streamed ${m.streamedBytes} bytes over ${count} responses, expected ${streamBytes * count}; the runtime lost or added bytes`);
    }
    if (m.ttfbMs.length !== count) throw new Error(`only ${m.ttfbMs.length} of ${count} streamed responses carried a body`);
    return {
      ttfbMs: median(m.ttfbMs),
      mibPerSecond: streamBytes / (1024 * 1024) / (median(m.durationsMs) / 1000),
      cpuMsPerStream: m.cpuNs / 1e6 / count,
      peakMiB: m.memory.peak,
    };
  });
}
