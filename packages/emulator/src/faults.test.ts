// The `faults` option: refused clearly when malformed; when on, the runtime's requests really
// get the drawn fault (a stand-in runtime process; the test speaks the Runtime API itself).
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import type { InjectedFault, RuntimeApiFaultOptions } from './faults.js';

const IDLE_RUNTIME = [process.execPath, '-e', 'setInterval(() => {}, 1 << 30)'];

function get(runtimeApi: string, path: string): Promise<{ status: number; body: string }> {
  const [host, port] = runtimeApi.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function withFaults(faults: RuntimeApiFaultOptions, run: (runtimeApi: string) => Promise<void>): Promise<void> {
  const emulator = await startEmulator({ command: IDLE_RUNTIME, eagerInit: true, faults });
  try {
    await run(emulator.runtimeApi);
  } finally {
    await emulator.close();
  }
}

describe('emulator faults option', () => {
  it.each([
    [{ rate: 2 }, /faults\.rate must be a number from 0 to 1, got 2/],
    [{ rate: 0.5, kinds: ['explode'] }, /faults\.kinds must be a non-empty array of "status500", "reset", "slow", "truncate"/],
    [{ rate: 0.5, targets: [] }, /faults\.targets must be a non-empty array/],
    [{ rate: 0.5, seed: 1.5 }, /faults\.seed must be an integer/],
    [{ rate: 0.5, slowMs: -1 }, /faults\.slowMs must be a non-negative number/],
  ])('refuses %j with a clear message', async (faults, message) => {
    await expect(startEmulator({ command: IDLE_RUNTIME, faults: faults as RuntimeApiFaultOptions })).rejects.toMatchObject({ name: 'EmulatorOptionsError', message: expect.stringMatching(message) });
  });

  it('answers a targeted request 500 and reports the fault', async () => {
    const seen: InjectedFault[] = [];
    await withFaults({ rate: 1, kinds: ['status500'], onFault: (fault) => seen.push(fault) }, async (runtimeApi) => {
      const answer = await get(runtimeApi, '/2018-06-01/runtime/invocation/next');
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('Injected fault');
    });
    expect(seen).toEqual([{ kind: 'status500', target: 'next', method: 'GET', path: '/2018-06-01/runtime/invocation/next' }]);
  });

  it('resets the connection, and leaves requests outside its targets alone', async () => {
    await withFaults({ rate: 1, kinds: ['reset'], targets: ['response'] }, async (runtimeApi) => {
      await expect(get(runtimeApi, '/2018-06-01/runtime/invocation/some-id/response')).rejects.toThrow(/socket hang up|ECONNRESET/);
      // /next is not a target: it is served normally (a 404 elsewhere proves the route ran).
      const other = await get(runtimeApi, '/2018-06-01/runtime/unknown');
      expect(other.status).toBe(404);
    });
  });
});
