import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ResponseStream } from './response-stream.js';
import type { StreamRequestLike } from './stream-request.js';

/**
 * A streamed POST over a slow reader: it holds at most `capacity` bytes and only frees
 * them when the test lets the reader take some (on the next turn of the event loop), the
 * way a socket's buffer behaves when the peer reads slowly.
 */
function slowRequest(capacity: number) {
  const state = { pending: 0, delivered: [] as Buffer[], deliveredBytes: 0, waiters: [] as Array<() => void> };
  const readSome = () => {
    state.pending = 0;
    const waiters = state.waiters.splice(0);
    for (const waiter of waiters) waiter();
  };
  const request: StreamRequestLike = {
    write(chunk) {
      state.delivered.push(Buffer.from(chunk));
      state.deliveredBytes += chunk.length;
      state.pending += chunk.length;
      if (state.pending < capacity) return true;
      setImmediate(readSome);
      return false;
    },
    onDrain: (callback) => void state.waiters.push(callback),
    end: async () => ({ status: 202, body: Buffer.alloc(0) }),
  };
  return { state, request };
}

describe('highWaterMark and backpressure', () => {
  it('gives the stream the requested highWaterMark', () => {
    const stream = new ResponseStream({ open: () => slowRequest(1).request, highWaterMark: 2048 });
    expect(stream.writableHighWaterMark).toBe(2048);
  });

  it('returns false from write() once highWaterMark bytes wait behind a slow reader', () => {
    const { request } = slowRequest(1024);
    const stream = new ResponseStream({ open: () => request, highWaterMark: 4096 });
    const results: boolean[] = [];
    for (let i = 0; i < 6; i += 1) results.push(stream.write(Buffer.alloc(1024)));
    // The first chunk goes straight out and fills the reader; it counts as buffered until
    // the reader drains, the next ones queue behind it, and at 4096 bytes write() says stop.
    expect(results).toEqual([true, true, true, false, false, false]);
    expect(stream.writableLength).toBe(6 * 1024);
  });

  it('keeps memory bounded for a writer that honours drain, and loses nothing', async () => {
    const { state, request } = slowRequest(8 * 1024);
    const highWaterMark = 16 * 1024;
    const stream = new ResponseStream({ open: () => request, highWaterMark });
    const chunk = 4 * 1024;
    let maxBuffered = 0;
    let stops = 0;
    for (let i = 0; i < 256; i += 1) {
      const ok = stream.write(Buffer.alloc(chunk, i % 251));
      maxBuffered = Math.max(maxBuffered, stream.writableLength);
      if (!ok) {
        stops += 1;
        await once(stream, 'drain');
      }
    }
    stream.end();
    await stream.outcome;
    expect(stops).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThanOrEqual(highWaterMark + chunk);
    expect(state.deliveredBytes).toBe(256 * chunk);
    expect(state.delivered.every((c, i) => c[0] === i % 251)).toBe(true);
  });

  it('slows a piped source down to the reader instead of buffering the whole body', async () => {
    const { state, request } = slowRequest(8 * 1024);
    const stream = new ResponseStream({ open: () => request, highWaterMark: 16 * 1024 });
    let produced = 0;
    let maxAhead = 0;
    async function* body() {
      for (let i = 0; i < 512; i += 1) {
        maxAhead = Math.max(maxAhead, produced - state.deliveredBytes + stream.writableLength);
        produced += 2048;
        yield Buffer.alloc(2048);
      }
    }
    await pipeline(Readable.from(body(), { objectMode: false, highWaterMark: 16 * 1024 }), stream);
    await stream.outcome;
    expect(state.deliveredBytes).toBe(512 * 2048);
    // At most the stream's and the source's buffers are ahead of the reader: 1 MiB never is.
    expect(maxAhead).toBeLessThan(128 * 1024);
  });
});
