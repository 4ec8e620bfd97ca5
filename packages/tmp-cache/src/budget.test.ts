import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from './index.js';
import { tempRoots } from './temp-roots.test-support.js';

const tempRoot = tempRoots('tmp-cache-budget-');

const kb = (n: number) => Buffer.alloc(n * 1024, n);

describe('budget', () => {
  it('evicts the least recently used entries to stay within maxBytes', async () => {
    const cache = openCache({ root: tempRoot(), maxBytes: 3 * 1024 });
    await cache.set('a', kb(1));
    await cache.set('b', kb(1));
    await cache.set('c', kb(1));
    await cache.get('a'); // a is now more recent than b
    await cache.set('d', kb(1));
    expect(await cache.has('b')).toBe(false);
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('c')).toBe(true);
    expect(await cache.has('d')).toBe(true);
    expect(cache.stats()).toMatchObject({ evictions: 1, bytesUsed: 3 * 1024 });
  });

  it('never evicts pinned entries; a write that cannot fit fails clearly and leaves nothing', async () => {
    const cache = openCache({ root: tempRoot(), maxBytes: 2 * 1024 });
    await cache.set('model', kb(1), { pin: true });
    await cache.set('x', kb(1));
    await cache.set('y', kb(1)); // evicts x, not the pinned model
    expect(await cache.has('model')).toBe(true);
    expect(await cache.has('x')).toBe(false);
    await cache.set('model2', kb(1), { pin: true }); // evicts y
    await expect(cache.set('z', kb(1))).rejects.toMatchObject({ name: 'TmpCacheNoSpaceError', message: expect.stringMatching(/pinned, leased or in use/) });
    await expect(cache.set('huge', kb(3))).rejects.toThrow(/cannot fit in maxBytes/);
    expect(readdirSync(join(cache.dir, 'entries')).filter((n) => n.startsWith('.tmp.'))).toEqual([]);
  });

  it('keeps leased files through eviction and replacement until released', async () => {
    const cache = openCache({ root: tempRoot(), maxBytes: 2 * 1024 });
    await cache.set('held', kb(1));
    const file = (await cache.getFile('held'))!;
    await cache.set('other', kb(1));
    await cache.set('third', kb(1)); // must evict 'other', not the leased 'held'
    expect(existsSync(file.path)).toBe(true);
    await cache.set('held', kb(2).subarray(0, 1024)); // replace: the leased old version stays on disk
    expect(existsSync(file.path)).toBe(true);
    expect(await cache.get('held')).toEqual(kb(2).subarray(0, 1024));
    file.release();
    const reopened = openCache({ root: cache.dir.slice(0, -'/thaw-cache'.length) });
    expect(existsSync(file.path)).toBe(false);
    expect(await reopened.get('held')).toEqual(kb(2).subarray(0, 1024));
  });

  it('a deleted but leased entry stays deleted for everyone, and is removed after release', async () => {
    const root = tempRoot();
    const cache = openCache({ root });
    await cache.set('k', 'v');
    const file = (await cache.getFile('k'))!;
    expect(await cache.delete('k')).toBe(true);
    expect(existsSync(file.path)).toBe(true);
    expect(await openCache({ root }).get('k')).toBeUndefined();
    file.release();
    openCache({ root });
    expect(readdirSync(join(cache.dir, 'entries'))).toEqual([]);
  });

  it('expires entries by wall clock on access and at invocation boundaries', async () => {
    const root = tempRoot();
    const cache = openCache({ root });
    await cache.set('gone', 'x', { ttlMs: 0 });
    await cache.set('stays', 'y', { ttlMs: 3_600_000 });
    expect(await cache.get('gone')).toBeUndefined();
    await cache.set('also-gone', 'z', { ttlMs: 0 });
    cache.begin().end();
    expect(readdirSync(join(cache.dir, 'entries'))).toHaveLength(1);
    expect((await cache.inspect('stays'))?.expiresAt).toBeGreaterThan(Date.now());
    expect(cache.stats().expired).toBe(2);
  });

  it('applies defaultTtlMs and keeps a reserve of free disk space (statfs)', async () => {
    const cache = openCache({ root: tempRoot(), defaultTtlMs: 0, reserveBytes: Number.MAX_SAFE_INTEGER });
    await expect(cache.set('k', 'v')).rejects.toThrow(/keeps \d+ bytes in reserve/);
    const ttlCache = openCache({ root: tempRoot(), defaultTtlMs: 0 });
    await ttlCache.set('k', 'v');
    expect(await ttlCache.get('k')).toBeUndefined();
  });
});
