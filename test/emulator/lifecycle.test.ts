// The platform's lifecycle, with the real bootstrap as the runtime process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions } from '@thaw/emulator';
import { startBootstrap } from './helpers.js';

let emu: Emulator | undefined;
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'thaw-emulator-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

function start(handler: string, options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startBootstrap('functions', handler, { timeoutSeconds: 5, ...options });
}

describe('lifecycle with the real bootstrap', () => {
  it('serves a cold then a warm invocation with logs, timings and the platform environment', async () => {
    process.env.EMULATOR_TEST_SECRET = 'must-not-leak';
    const lines: Array<[string, string | undefined]> = [];
    emu = await start('index.echo', {
      functionName: 'orders',
      memoryMB: 512,
      region: 'eu-central-1',
      env: { CUSTOM_SETTING: 'on' },
      onLog: (line, requestId) => lines.push([line, requestId]),
    });
    const cold = await emu.invoke({ n: 1 });
    const warm = await emu.invoke({ n: 2 });
    delete process.env.EMULATOR_TEST_SECRET;
    expect(cold).toMatchObject({ status: 'success', cold: true, streamed: false });
    expect(cold.response).toMatchObject({
      event: { n: 1 },
      requestId: cold.requestId,
      functionName: 'orders',
      memory: '512',
      env: { region: 'eu-central-1', initType: 'on-demand', tz: ':UTC', custom: 'on', leaked: null },
    });
    expect(cold.initMs).toBeGreaterThan(0);
    expect(cold.durationMs).toBeGreaterThanOrEqual(0);
    expect(warm).toMatchObject({ status: 'success', cold: false, response: { event: { n: 2 } } });
    expect(warm.initMs).toBeUndefined();
    // Same process: the environment was reused (thawed), not restarted.
    expect((warm.response as { pid: number }).pid).toBe((cold.response as { pid: number }).pid);
    // The init line goes to the cold invocation; each echo line to its own invocation.
    expect(cold.logs.some((line) => line.includes('module loaded'))).toBe(true);
    expect(cold.logs.some((line) => line.includes('echo {"n":1}'))).toBe(true);
    expect(warm.logs.some((line) => line.includes('module loaded'))).toBe(false);
    expect(warm.logs.filter((line) => line.includes('echo')).every((line) => line.includes(warm.requestId))).toBe(true);
    expect(lines.find(([line]) => line.includes('echo {"n":2}'))?.[1]).toBe(warm.requestId);
    expect(lines.find(([line]) => line.includes('module loaded'))?.[1]).toBeUndefined();
  });

  it('reports a thrown error with its type, message and trace', async () => {
    emu = await start('index.fail');
    const result = await emu.invoke({});
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'the order has no items' });
    expect(result.error?.trace?.[0]).toContain('TypeError: the order has no items');
    expect(result.traffic.map((t) => t.path.split('/').pop())).toEqual(['next', 'error']);
  });

  it('reports an init error to the caller and retries the init at the next invocation', async () => {
    emu = await startBootstrap('init-flaky', 'index.handler', { env: { INIT_MARKER: join(scratch, 'flaky-marker') } });
    const failed = await emu.invoke({});
    expect(failed.status).toBe('init-error');
    expect(failed.cold).toBe(true);
    expect(failed.error?.errorMessage).toContain('first init fails on purpose');
    expect(emu.initTraffic().some((t) => t.path === '/2018-06-01/runtime/init/error' && t.status === 202)).toBe(true);
    const retried = await emu.invoke({});
    expect(retried).toMatchObject({ status: 'success', response: 'initialised on retry', cold: true });
  });

  it('times out a hung invocation, kills the runtime and re-initialises at the next one', async () => {
    // The re-init counts against the second invocation's timeout: leave it room to reach the handler.
    emu = await start('index.hang', { timeoutSeconds: 1 });
    const timedOut = await emu.invoke({});
    expect(timedOut.status).toBe('timeout');
    expect(timedOut.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
    });
    const hungPid = Number(timedOut.logs.find((line) => line.includes('hanging'))?.split(' ').pop());
    expect(hungPid).toBeGreaterThan(0);
    const again = await emu.invoke({});
    expect(again.status).toBe('timeout');
    expect(again.cold).toBe(true);
    const secondPid = Number(again.logs.find((line) => line.includes('hanging'))?.split(' ').pop());
    expect(secondPid).not.toBe(hungPid);
    expect(() => process.kill(hungPid, 0)).toThrow();
  });

  it('gives Runtime.ExitError with the exit status when the runtime exits, then starts afresh', async () => {
    emu = await start('index.exit');
    const exited = await emu.invoke({});
    expect(exited.status).toBe('exit');
    expect(exited.error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(exited.logs.some((line) => line.includes('about to exit'))).toBe(true);
    const next = await emu.invoke({});
    expect(next).toMatchObject({ status: 'exit', cold: true });
  });

  it('turns a response over 6 MiB + 100 bytes into Function.ResponseSizeTooLarge', async () => {
    emu = await start('index.huge');
    const result = await emu.invoke({});
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(result.traffic.find((t) => t.path.endsWith('/response'))?.status).toBe(413);
  });

  it('passes a streamed response on chunk by chunk', async () => {
    emu = await start('index.stream');
    const chunks: string[] = [];
    const result = await emu.invoke({}, { onChunk: (chunk) => chunks.push(chunk.toString()) });
    expect(result).toMatchObject({ status: 'success', streamed: true, contentType: 'text/plain' });
    expect(chunks.join('')).toBe('part 0;part 1;part 2;');
    // The handler pauses between writes, so each part arrives on its own.
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(result.payload.toString()).toBe('part 0;part 1;part 2;');
  });

  it('queues concurrent callers and serves them one at a time', async () => {
    emu = await start('index.overlap');
    const target = emu;
    const results = await Promise.all(Array.from({ length: 5 }, (_, n) => target.invoke({ n })));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('success'));
    for (const result of results) {
      expect(result.response).toEqual({ peak: 1, requestId: result.requestId });
      expect(result.logs.every((line) => !line.includes('overlap done') || line.includes(result.requestId))).toBe(true);
    }
    expect(results.filter((r) => r.cold)).toHaveLength(1);
  });

  it('cuts an on-demand init that outlasts the init limit and retries it inside the invocation', async () => {
    emu = await startBootstrap('init-slow', 'index.handler', {
      // Room for Node to boot and reach the module (which writes its marker) before the cut.
      initTimeoutSeconds: 1.2,
      timeoutSeconds: 5,
      env: { INIT_MARKER: join(scratch, 'slow-marker') },
    });
    const result = await emu.invoke({});
    expect(result).toMatchObject({ status: 'success', response: 'ready after a retried init', cold: true });
  });

  it('times out an invocation whose retried init never finishes', async () => {
    emu = await startBootstrap('init-slow', 'index.handler', {
      initTimeoutSeconds: 0.3,
      timeoutSeconds: 0.5,
      env: { INIT_MARKER: join(scratch, 'always-marker'), SLOW_ALWAYS: '1' },
    });
    const result = await emu.invoke({});
    expect(result.status).toBe('timeout');
    expect(result.error?.errorType).toBe('Sandbox.Timedout');
  });
});
