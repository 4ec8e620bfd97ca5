// Managed Instances mode: many /next outstanding, invocations in parallel, no kill on timeout.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '@thaw/emulator';
import { http, next, requestIdOf, responsePath, startBootstrap, startDirect } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('Managed Instances mode, spoken over HTTP', () => {
  it('answers several outstanding /next at once and accepts responses in any order', async () => {
    emu = await startDirect({ maxConcurrency: 3 });
    const target = emu;
    const polls = [next(target), next(target), next(target)];
    const invoked = [target.invoke({ n: 0 }), target.invoke({ n: 1 }), target.invoke({ n: 2 })];
    const replies = await Promise.all(polls);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    // Answer in reverse order: each caller still gets its own response.
    for (const reply of [...replies].reverse()) {
      const event = JSON.parse(reply.body.toString()) as { n: number };
      await http(target.runtimeApi, 'POST', responsePath(requestIdOf(reply)), { body: JSON.stringify({ doubled: event.n * 2 }) });
    }
    const results = await Promise.all(invoked);
    expect(results.map((result) => result.response)).toEqual([{ doubled: 0 }, { doubled: 2 }, { doubled: 4 }]);
  });

  it('times out one invocation without resetting the runtime that serves the others', async () => {
    emu = await startDirect({ maxConcurrency: 2, timeoutSeconds: 0.5 });
    const target = emu;
    const slow = target.invoke({ slow: true });
    const slowId = requestIdOf(await next(target));
    const timedOut = await slow;
    expect(timedOut.status).toBe('timeout');
    expect(timedOut.error?.errorMessage).toBe(`RequestId: ${slowId} Error: Task timed out after 0.50 seconds`);
    // The runtime was not reset: /next is still served and a late response is a state error.
    const other = target.invoke({ other: true });
    const otherId = requestIdOf(await next(target));
    expect((await http(target.runtimeApi, 'POST', responsePath(slowId), { body: '"late"' })).status).toBe(403);
    await http(target.runtimeApi, 'POST', responsePath(otherId), { body: '"served"' });
    expect(await other).toMatchObject({ status: 'success', response: 'served', cold: false });
  });
});

/** Holds every arrival until `parties` have arrived, then releases them all. */
async function startBarrier(parties: number) {
  const waiting: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    waiting.push(res);
    if (waiting.length === parties) for (const held of waiting) held.end(String(parties));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('Managed Instances mode with the real bootstrap', () => {
  it('runs invocations in parallel up to maxConcurrency and attributes each log line by request id', async () => {
    const barrier = await startBarrier(3);
    try {
      emu = await startBootstrap('functions', 'index.barrier', { maxConcurrency: 3, timeoutSeconds: 10 });
      const target = emu;
      // Each invocation waits until all three are in flight: served one at a time, none would return.
      const results = await Promise.all([0, 1, 2].map(() => target.invoke({ port: barrier.port })));
      expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
      for (const result of results) {
        expect(result.response).toMatchObject({ released: '3', requestId: result.requestId });
        const own = result.logs.filter((line) => line.includes('at barrier') || line.includes('released'));
        expect(own).toHaveLength(2);
        expect(own.every((line) => line.includes(result.requestId))).toBe(true);
      }
      expect(results.filter((result) => result.cold)).toHaveLength(1);
    } finally {
      await barrier.close();
    }
  });
});
