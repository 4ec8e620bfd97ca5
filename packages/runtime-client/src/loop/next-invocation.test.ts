// The Managed Instances /next policy against a real HTTP server (short delays so the test
// sees the whole schedule): transient 5xx are ridden out, a 4xx is final, and a Runtime
// API that never recovers ends in a FatalRuntimeError that says for how long it tried.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuntimeApi } from '../api/runtime-api.js';
import { FatalRuntimeError } from './fatal-error.js';
import { nextInvocation } from './next-invocation.js';

let server: Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function apiAnswering(statuses: number[]): Promise<RuntimeApi> {
  let call = 0;
  server = createServer((req, res) => {
    req.resume();
    const status = statuses[call++] ?? 200;
    res.writeHead(status, status === 200 ? { 'Lambda-Runtime-Aws-Request-Id': `id-${call}` } : {});
    res.end(status === 200 ? '{}' : `{"status":${status}}`);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return new RuntimeApi('127.0.0.1', (server.address() as { port: number }).port, 'test');
}

describe('nextInvocation under Managed Instances', () => {
  it('retries 5xx answers and returns the invocation that follows', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = await apiAnswering([500, 503]);
    const invocation = await nextInvocation(api, { managedInstances: true, delaysMs: [1, 1, 1] });
    expect(invocation.requestId).toBe('id-3');
    api.close();
  });

  it('gives up after the last delay with the duration, the attempts and the last failure', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = await apiAnswering([500, 500, 500, 500]);
    const failure = await nextInvocation(api, { managedInstances: true, delaysMs: [1, 1] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FatalRuntimeError);
    expect((failure as Error).message).toMatch(/^GET \/next kept failing for [\d.]+ s \(3 attempts; last: the Runtime API answered 500 \(\{"status":500\}\)\); exiting so the platform replaces the environment\.$/);
    api.close();
  });

  it('does not retry a 4xx: asking again cannot change it', async () => {
    const api = await apiAnswering([403]);
    await expect(nextInvocation(api, { managedInstances: true, delaysMs: [1, 1] })).rejects.toThrow(/answered 403 to GET \/next/);
    api.close();
  });
});
