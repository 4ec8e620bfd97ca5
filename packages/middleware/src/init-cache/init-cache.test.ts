import { describe, expect, it } from 'vitest';
import { initCache, initCaches } from './init-cache.js';
import { InitCacheLoadError, InvalidCacheOptionError, UnknownCacheKeyError } from './errors.js';

/** A wall clock the test moves by hand: TTLs are judged with it, never with timers. */
function manualClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

/** A loader that counts its calls and answers from a script (values or errors). */
function scriptedLoader<T>(...script: (T | Error)[]) {
  let calls = 0;
  const load = async (): Promise<T> => {
    const step = script[Math.min(calls, script.length - 1)]!;
    calls++;
    if (step instanceof Error) throw step;
    return step;
  };
  return { load, calls: () => calls };
}

const fastRetry = { attempts: 1, baseDelayMs: 1, maxDelayMs: 2 };

describe('loading during init', () => {
  it('starts loading at declaration, before any invocation reads', async () => {
    const loader = scriptedLoader('v1');
    const cache = initCache({ value: loader.load });
    expect(loader.calls()).toBe(1);
    await expect(cache.get('value')).resolves.toBe('v1');
    expect(loader.calls()).toBe(1);
  });

  it('makes the first read wait for the load still in flight (a miss), later reads hit', async () => {
    let release!: (v: string) => void;
    const cache = initCache({ slow: () => new Promise<string>((resolve) => (release = resolve)) });
    const first = cache.get('slow');
    release('ready');
    await expect(first).resolves.toBe('ready');
    await expect(cache.get('slow')).resolves.toBe('ready');
    const stats = cache.stats().keys.slow!;
    expect([stats.misses, stats.hits, stats.loads]).toEqual([1, 1, 1]);
    expect(stats.lastLoadMs).toBeGreaterThanOrEqual(0);
  });

  it('shares one load between concurrent first reads (single-flight)', async () => {
    const loader = scriptedLoader(42);
    const cache = initCache({ n: { load: loader.load, loadAt: 'first-use' } });
    expect(loader.calls()).toBe(0);
    const values = await Promise.all([cache.get('n'), cache.get('n'), cache.getAll()]);
    expect(values).toEqual([42, 42, { n: 42 }]);
    expect(loader.calls()).toBe(1);
  });

  it('does not report an unhandled rejection for an init load nobody awaited yet', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const cache = initCache({ bad: { load: () => Promise.reject(new Error('x')), retry: fastRetry } });
      await new Promise((resolve) => setTimeout(resolve, 10));
      await expect(cache.get('bad')).rejects.toThrow(InitCacheLoadError);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('TTL and refresh', () => {
  it('serves the value until its TTL passes on the wall clock, then loads again (blocking)', async () => {
    const clock = manualClock();
    const loader = scriptedLoader('v1', 'v2');
    const cache = initCache({ k: { load: loader.load, ttlMs: 1_000 } }, { now: clock.now });
    await expect(cache.get('k')).resolves.toBe('v1');
    clock.advance(999);
    await expect(cache.get('k')).resolves.toBe('v1');
    clock.advance(1);
    await expect(cache.get('k')).resolves.toBe('v2');
    expect(cache.stats().keys.k!.refreshes).toBe(1);
  });

  it("keeps a value declared with ttlMs 'never' (the default) forever", async () => {
    const clock = manualClock();
    const loader = scriptedLoader('only');
    const cache = initCache({ k: loader.load }, { now: clock.now });
    await cache.get('k');
    clock.advance(365 * 24 * 3_600_000);
    await expect(cache.get('k')).resolves.toBe('only');
    expect(loader.calls()).toBe(1);
  });

  it('stale-while-refresh: answers with the old value at once and settle() waits for the new one', async () => {
    const clock = manualClock();
    let release!: (v: string) => void;
    let calls = 0;
    const load = (): Promise<string> =>
      ++calls === 1 ? Promise.resolve('old') : new Promise<string>((resolve) => (release = resolve));
    const cache = initCache({ k: { load, ttlMs: 100, refresh: 'stale-while-refresh' } }, { now: clock.now });
    await cache.get('k');
    clock.advance(100);
    await expect(cache.get('k')).resolves.toBe('old');
    expect(cache.busy).toBe(true);
    const settled = cache.settle();
    release('new');
    await settled;
    expect(cache.busy).toBe(false);
    await expect(cache.get('k')).resolves.toBe('new');
    expect(cache.stats().keys.k!.staleHits).toBe(1);
  });

  it('after a provisioned-concurrency init, checks freshness at first use and refreshes blocking', async () => {
    const clock = manualClock();
    const loader = scriptedLoader('from init', 'fresh');
    const cache = initCache(
      { k: { load: loader.load, ttlMs: 60_000, refresh: 'stale-while-refresh' } },
      { now: clock.now, initializationType: 'provisioned-concurrency' },
    );
    await cache.settle();
    clock.advance(3 * 3_600_000); // the first invocation arrives hours after init
    await expect(cache.get('k')).resolves.toBe('fresh');
    expect(cache.stats().initializationType).toBe('provisioned-concurrency');
  });

  it('after an on-demand init, the same first use serves stale while refreshing', async () => {
    const clock = manualClock();
    const loader = scriptedLoader('from init', 'fresh');
    const cache = initCache(
      { k: { load: loader.load, ttlMs: 60_000, refresh: 'stale-while-refresh' } },
      { now: clock.now, initializationType: 'on-demand' },
    );
    await cache.settle();
    clock.advance(3 * 3_600_000);
    await expect(cache.get('k')).resolves.toBe('from init');
    await cache.settle();
  });
});

describe('failures', () => {
  it('never caches a failure: the next read loads again', async () => {
    const loader = scriptedLoader<string>(new Error('down'), 'up');
    const cache = initCache({ k: { load: loader.load, retry: fastRetry } });
    await expect(cache.get('k')).rejects.toThrow(InitCacheLoadError);
    await expect(cache.get('k')).resolves.toBe('up');
    expect(loader.calls()).toBe(2);
  });

  it('retries inside one load with backoff, up to retry.attempts tries', async () => {
    const loader = scriptedLoader<string>(new Error('1'), new Error('2'), 'third time');
    const cache = initCache({ k: { load: loader.load, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } } });
    await expect(cache.get('k')).resolves.toBe('third time');
    expect(loader.calls()).toBe(3);
  });

  it('does not retry errors the isRetryable option rejects', async () => {
    const loader = scriptedLoader<string>(new Error('AccessDenied'), 'never reached');
    const cache = initCache({
      k: { load: loader.load, retry: { attempts: 5, baseDelayMs: 1, isRetryable: (e) => (e as Error).message !== 'AccessDenied' } },
    });
    await expect(cache.get('k')).rejects.toThrow(InitCacheLoadError);
    expect(loader.calls()).toBe(1);
  });

  it('stale-if-error: serves the expired value when its refresh fails, then backs off before calling again', async () => {
    const clock = manualClock();
    const loader = scriptedLoader<string>('good', new Error('refresh failed'), 'recovered');
    const cache = initCache(
      { k: { load: loader.load, ttlMs: 1_000, staleIfErrorMs: 60_000, retry: { ...fastRetry, baseDelayMs: 5_000, maxDelayMs: 5_000 } } },
      { now: clock.now },
    );
    await cache.get('k');
    clock.advance(1_000);
    await expect(cache.get('k')).resolves.toBe('good');
    expect(loader.calls()).toBe(2);
    clock.advance(1); // inside the backoff window: no new call
    await expect(cache.get('k')).resolves.toBe('good');
    expect(loader.calls()).toBe(2);
    clock.advance(5_000); // past the longest possible backoff
    await expect(cache.get('k')).resolves.toBe('recovered');
    expect(cache.stats().keys.k!.staleHits).toBe(2);
  });

  it('stops serving stale once staleIfErrorMs has passed since expiry', async () => {
    const clock = manualClock();
    const loader = scriptedLoader<string>('good', new Error('still failing'));
    const cache = initCache(
      { k: { load: loader.load, ttlMs: 1_000, staleIfErrorMs: 500, retry: { ...fastRetry, baseDelayMs: 0, maxDelayMs: 0 } } },
      { now: clock.now },
    );
    await cache.get('k');
    clock.advance(1_501);
    await expect(cache.get('k')).rejects.toThrow(/could not load "k" \(Error\)/);
  });

  it('in a group, refetches only the key that failed', async () => {
    const fine = scriptedLoader('fine');
    const flaky = scriptedLoader<string>(new Error('flaky'), 'flaky ok');
    const cache = initCache({ fine: fine.load, flaky: { load: flaky.load, retry: fastRetry } });
    const error = (await cache.getAll().catch((e: unknown) => e)) as InitCacheLoadError;
    expect(error).toBeInstanceOf(InitCacheLoadError);
    expect(error.keys).toEqual(['flaky']);
    await expect(cache.getAll()).resolves.toEqual({ fine: 'fine', flaky: 'flaky ok' });
    expect([fine.calls(), flaky.calls()]).toEqual([1, 2]);
  });

  it("keeps a loader's message out of the error message (it may carry data), but keeps the cause", async () => {
    const secretBearing = new Error('token=abc123 rejected');
    const cache = initCache({ k: { load: () => Promise.reject(secretBearing), retry: fastRetry } });
    const error = (await cache.get('k').catch((e: unknown) => e)) as InitCacheLoadError;
    expect(error.message).not.toContain('abc123');
    expect(error.message).toMatch(/next read tries again/);
    expect(error.cause).toBe(secretBearing);
  });
});

describe('a request signed during init and sent after a freeze', () => {
  const expired = Object.assign(new Error('Signature expired: 20240101T000000Z is now earlier than ...'), {
    name: 'InvalidSignatureException',
  });

  it('is retried once, at once, without using up an attempt', async () => {
    const loader = scriptedLoader<string>(expired, 'signed again');
    const cache = initCache({ k: { load: loader.load, retry: fastRetry } });
    await expect(cache.get('k')).resolves.toBe('signed again');
    expect(cache.stats().keys.k!.signatureRetries).toBe(1);
  });

  it('is recognised by the "Signature expired" message alone (S3 and others)', async () => {
    const loader = scriptedLoader<string>(new Error('Signature expired: request is too old'), 'ok');
    const cache = initCache({ k: { load: loader.load, retry: fastRetry } });
    await expect(cache.get('k')).resolves.toBe('ok');
  });

  it('is retried only once', async () => {
    const loader = scriptedLoader<string>(expired, expired, 'never');
    const cache = initCache({ k: { load: loader.load, retry: fastRetry } });
    await expect(cache.get('k')).rejects.toThrow(InitCacheLoadError);
    expect(loader.calls()).toBe(2);
  });
});

describe('invalidation', () => {
  it('forgets one key: the next read loads again and waits', async () => {
    const a = scriptedLoader('a1', 'a2');
    const b = scriptedLoader('b1', 'b2');
    const cache = initCache({ a: a.load, b: b.load });
    await cache.getAll();
    cache.invalidate('a');
    await expect(cache.getAll()).resolves.toEqual({ a: 'a2', b: 'b1' });
    cache.invalidate();
    await expect(cache.getAll()).resolves.toEqual({ a: 'a2', b: 'b2' });
  });

  it('does not store a value whose load started before the invalidation', async () => {
    let release!: (v: string) => void;
    let calls = 0;
    const cache = initCache({
      k: () => (++calls === 1 ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve('rotated')),
    });
    cache.invalidate('k');
    release('before rotation');
    await expect(cache.get('k')).resolves.toBe('rotated');
    await expect(cache.get('k')).resolves.toBe('rotated');
  });
});

describe('declaration errors and stats', () => {
  it('names the cache, key and option in declaration errors', () => {
    expect(() => initCache({})).toThrow(InvalidCacheOptionError);
    expect(() => initCache({ k: { load: () => 1, ttlMs: -5 } }, { name: 'cfg' })).toThrow(
      /init cache "cfg", key "k": ttlMs must be a number of milliseconds >= 0 or 'never', got -5/,
    );
    expect(() => initCache({ k: { load: () => 1, refresh: 'sometimes' as never } })).toThrow(/refresh must be/);
    expect(() => initCache({ k: { load: () => 1, retry: { attempts: 0 } } })).toThrow(/retry.attempts/);
    expect(() => initCache({ k: { load: 'x' as never } })).toThrow(/give a load function/);
  });

  it('refuses to read a key that was never declared', async () => {
    const cache = initCache({ a: () => 1 });
    await expect(cache.get('b' as 'a')).rejects.toThrow(UnknownCacheKeyError);
  });

  it('reports totals and registers the cache for the metrics middleware', async () => {
    const cache = initCache({ a: () => 1, b: async () => 2 }, { name: 'stats-test' });
    await cache.getAll(); // both loads still in flight: two misses
    await cache.getAll(); // two hits
    const stats = cache.stats();
    expect(stats.name).toBe('stats-test');
    expect(stats.totals).toMatchObject({ loads: 2, hits: 2, misses: 2, failures: 0 });
    expect(stats.totals.totalLoadMs).toBeGreaterThanOrEqual(0);
    expect([...initCaches()]).toContain(cache);
  });
});
