import { closeSync, existsSync, openSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from './index.js';
import { tempRoots } from './temp-roots.test-support.js';

const tempRoot = tempRoots('tmp-cache-life-');
afterEach(() => {
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
});

// A pid above the kernel's pid_max default: no process has it, so its owner is dead.
const DEAD = '4194303.12345.0';
const touch = (path: string) => closeSync(openSync(path, 'w'));

describe('start classification', () => {
  it('new environment, then warm reuse', () => {
    const root = tempRoot();
    expect(openCache({ root }).start.class).toBe('new-environment');
    expect(openCache({ root }).start.class).toBe('warm-reuse');
  });

  it('re-init after a crash: an invocation marker of a dead runtime was never cleared', () => {
    const root = tempRoot();
    const cache = openCache({ root });
    touch(join(cache.dir, 'run', `inv.${DEAD}.deadbeef.3`));
    touch(join(cache.dir, 'run', `proc.${DEAD}.deadbeef`));
    const start = openCache({ root }).start;
    expect(start).toMatchObject({ class: 'reinit-after-crash', interruptedInvocations: 1, deadRuntimes: 1 });
    expect(start.reasons.join(' ')).toMatch(/never finished/);
    expect(readdirSync(join(cache.dir, 'run')).filter((n) => n.includes('4194303'))).toEqual([]);
  });

  it('re-init after a runtime died outside an invocation (init failure)', () => {
    const root = tempRoot();
    const cache = openCache({ root });
    touch(join(cache.dir, 'run', `proc.${DEAD}.deadbeef`));
    const start = openCache({ root }).start;
    expect(start.class).toBe('reinit-after-crash');
    expect(start.reasons.join(' ')).toMatch(/died outside an invocation/);
  });

  it('provisioned concurrency and Managed Instances from the environment', () => {
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'provisioned-concurrency';
    expect(openCache({ root: tempRoot() }).start).toMatchObject({ class: 'provisioned-concurrency', initializationType: 'provisioned-concurrency' });
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'lambda-managed-instances';
    process.env.AWS_LAMBDA_MAX_CONCURRENCY = '16';
    expect(openCache({ root: tempRoot() }).start.class).toBe('managed-instances-worker');
  });
});

describe('reconciliation at init', () => {
  it('removes temp files, locks, leases and scratch dirs of dead owners, keeps live ones', () => {
    const root = tempRoot();
    const cache = openCache({ root });
    const dir = cache.dir;
    writeFileSync(join(dir, 'entries', `.tmp.${DEAD}.aaaa`), Buffer.alloc(1024));
    writeFileSync(join(dir, 'locks', '0'.repeat(32)), JSON.stringify({ pid: 4194303, start: 12345, thread: 0 }));
    touch(join(dir, 'leases', `${'0'.repeat(32)}.${'0'.repeat(17)}.${DEAD}.1`));
    mkdirSync(join(dir, 'scratch', `${DEAD}.deadbeef.1.abc`));
    const liveTemp = join(dir, 'entries', `.tmp.${process.pid}.0.0.live`);
    writeFileSync(liveTemp, 'in progress');
    const reopened = openCache({ root });
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
    expect(readdirSync(join(dir, 'leases'))).toEqual([]);
    expect(readdirSync(join(dir, 'scratch'))).toEqual([]);
    expect(readdirSync(join(dir, 'entries'))).toEqual([liveTemp.split('/').pop()]);
    expect(reopened.stats().reclaimedOrphans).toBe(4);
  });

  it('rebuilds the index and byte count from names alone', async () => {
    const root = tempRoot();
    const first = openCache({ root });
    await first.set('a', Buffer.alloc(1000));
    await first.set('b', 'hello');
    const reopened = openCache({ root });
    expect(reopened.stats()).toMatchObject({ entries: 2, bytesUsed: 1005 });
    expect(reopened.inspect('b')).toMatchObject({ kind: 'string', size: 5 });
  });

  it('getOrSet takes over a lock whose owner died', async () => {
    const root = tempRoot();
    const cache = openCache({ root });
    const id = (await cache.set('probe', 'x')).path.split('/').pop()!.slice(0, 32);
    await cache.delete('probe');
    writeFileSync(join(cache.dir, 'locks', id), JSON.stringify({ pid: 4194303, start: 12345, thread: 0 }));
    expect(await cache.getOrSet('probe', () => 'fresh')).toBe('fresh');
    expect(cache.stats().lockTakeovers).toBe(1);
  });
});

describe('invocations', () => {
  it('gives each invocation a scratch dir removed at the end, and marks entry origins', async () => {
    const cache = openCache({ root: tempRoot() });
    await cache.set('init-time', 'x');
    let scratch = '';
    const origins = await cache.invocation({ awsRequestId: 'r1', getRemainingTimeInMillis: () => 30_000 }, async (inv) => {
      expect(inv.cold).toBe(true);
      scratch = inv.scratchDir;
      writeFileSync(inv.scratchPath('work.bin'), 'temp');
      await cache.set('mine', 'y');
      expect(() => inv.scratchPath('../escape')).toThrow(/not a plain file name/);
      return [cache.inspect('mine')?.origin, cache.inspect('init-time')?.origin];
    });
    expect(origins).toEqual(['this-invocation', 'earlier-invocation']);
    expect(existsSync(scratch)).toBe(false);
    const second = cache.begin();
    expect(second.cold).toBe(false);
    expect(cache.inspect('mine')?.origin).toBe('earlier-invocation');
    second.end();
    expect(readdirSync(join(cache.dir, 'run')).filter((n) => n.startsWith('inv.'))).toEqual([]);
  });

  it('a Middy-shaped middleware brackets the invocation and releases its leases', async () => {
    const cache = openCache({ root: tempRoot() });
    await cache.set('k', 'v');
    const middleware = cache.middleware({ perTenant: true });
    const request = { context: { awsRequestId: 'r', tenantId: 't1', getRemainingTimeInMillis: () => 10_000 } };
    middleware.before(request);
    const invocation = cache.invocationFor(request.context)!;
    expect(invocation.tenantId).toBe('t1');
    expect(await invocation.cache.get('k')).toBeUndefined(); // tenant namespace
    await cache.getFile('k');
    expect(readdirSync(join(cache.dir, 'leases'))).toHaveLength(1);
    middleware.after(request);
    middleware.onError(request); // idempotent
    expect(readdirSync(join(cache.dir, 'leases'))).toEqual([]);
  });

  it('metrics report per-call deltas and gauges', async () => {
    const cache = openCache({ root: tempRoot() });
    await cache.get('missing');
    const first = cache.metrics();
    expect(first.find((m) => m.name === 'TmpCacheMisses')?.value).toBe(1);
    expect(first.find((m) => m.name === 'TmpCacheReconcileTime')?.unit).toBe('Milliseconds');
    await cache.set('k', 'v');
    await cache.get('k');
    const second = cache.metrics();
    expect(second.find((m) => m.name === 'TmpCacheMisses')?.value).toBe(0);
    expect(second.find((m) => m.name === 'TmpCacheHits')?.value).toBe(1);
    expect(second.find((m) => m.name === 'TmpCacheBytesUsed')?.value).toBe(1);
  });
});
