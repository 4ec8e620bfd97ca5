import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startEmulator } from '@thaw/emulator';
import { afterAll, describe, expect, it } from 'vitest';

const bootstrap = createRequire(import.meta.url).resolve('@thaw/runtime-client/bootstrap');
const taskRoot = join(import.meta.dirname, '..', 'fixtures', 'invoke-store');

describe('awslambda.InvokeStore under Managed Instances concurrency', () => {
  const started = startEmulator({
    command: [process.execPath, bootstrap],
    handler: 'index.handler',
    taskRoot,
    maxConcurrency: 4,
    env: { AWS_LAMBDA_MAX_CONCURRENCY: '4' },
  });
  afterAll(async () => (await started).close());

  it('keeps Powertools Logger keys apart per invocation, with the right request id on every line', async () => {
    const emu = await started;
    // Later orders finish first, so their lines interleave with the earlier ones.
    const results = await Promise.all([0, 1, 2, 3].map((order) => emu.invoke({ order, delayMs: 80 - order * 20 })));
    for (const [order, r] of results.entries()) {
      expect(r.status).toBe('success');
      expect(r.response).toEqual({ order, storeRequestId: r.requestId, runtime: 'thaw' });
      const lines = r.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      const done = lines.filter((l) => l.message === 'done');
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ function_request_id: r.requestId, order });
    }
  });
});
