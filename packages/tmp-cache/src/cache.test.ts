import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from './index.js';
import { tempRoots } from './temp-roots.test-support.js';

const tempRoot = tempRoots('tmp-cache-unit-');

describe('values', () => {
  it('returns buffers, strings and JSON as they were set', async () => {
    const cache = openCache({ root: tempRoot() });
    await cache.set('buf', Buffer.from([1, 2, 3]));
    await cache.set('u8', new Uint8Array([4, 5]));
    await cache.set('str', 'héllo');
    await cache.set('json', { a: [1, null, 'x'], b: true });
    await cache.set('null', null);
    expect(await cache.get('buf')).toEqual(Buffer.from([1, 2, 3]));
    expect(await cache.get('u8')).toEqual(Buffer.from([4, 5]));
    expect(await cache.get('str')).toBe('héllo');
    expect(await cache.get('json')).toEqual({ a: [1, null, 'x'], b: true });
    expect(await cache.get('null')).toBeNull();
    expect(await cache.get('missing')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 5, misses: 1, sets: 5, entries: 5 });
  });

  it('has / delete / replace', async () => {
    const cache = openCache({ root: tempRoot() });
    expect(await cache.has('k')).toBe(false);
    await cache.set('k', 'one');
    await cache.set('k', 'two');
    expect(await cache.get('k')).toBe('two');
    expect(await cache.has('k')).toBe(true);
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
    // Replacing and deleting leave exactly nothing behind.
    expect(readdirSync(join(cache.dir, 'entries'))).toEqual([]);
  });

  it('getOrSet runs the loader once for concurrent callers and caches the result', async () => {
    const cache = openCache({ root: tempRoot() });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((resolve) => setImmediate(resolve));
      return { answer: 42 };
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => cache.getOrSet('k', loader)));
    expect(results).toEqual(Array(8).fill({ answer: 42 }));
    expect(calls).toBe(1);
    expect(await cache.getOrSet('k', loader)).toEqual({ answer: 42 });
    expect(calls).toBe(1);
    expect(cache.stats().loads).toBe(1);
  });

  it('getOrSet caches nothing when the loader fails, and the next call retries', async () => {
    const cache = openCache({ root: tempRoot() });
    await expect(cache.getOrSet('k', async () => { throw new Error('upstream down'); })).rejects.toThrow('upstream down');
    expect(await cache.has('k')).toBe(false);
    await expect(cache.getOrSet('k', async () => undefined as never)).rejects.toMatchObject({ name: 'TmpCacheFillError' });
    expect(await cache.getOrSet('k', () => 'ok')).toBe('ok');
    expect(readdirSync(join(cache.dir, 'locks'))).toEqual([]);
  });

  it('rejects bad keys and values with named errors', async () => {
    const cache = openCache({ root: tempRoot() });
    await expect(cache.set('', 'x')).rejects.toMatchObject({ name: 'TmpCacheKeyError' });
    await expect(cache.get(42 as never)).rejects.toMatchObject({ name: 'TmpCacheKeyError' });
    await expect(cache.set('k', undefined as never)).rejects.toThrow(/cannot be stored/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(cache.set('k', cyclic)).rejects.toMatchObject({ name: 'TmpCacheOptionsError' });
    await expect(cache.set('k', 'x', { ttlMs: -1 })).rejects.toThrow(/ttlMs/);
    await expect(cache.getOrSet('k', 'not a function' as never)).rejects.toThrow(/loader function/);
  });

  it('keeps its directories 0700 and entries 0600 (0700 when executable)', async () => {
    const cache = openCache({ root: tempRoot() });
    for (const dir of ['', 'entries', 'locks', 'leases', 'run', 'scratch']) {
      expect(statSync(join(cache.dir, dir)).mode & 0o777).toBe(0o700);
    }
    expect(statSync((await cache.set('plain', 'x')).path).mode & 0o777).toBe(0o600);
    expect(statSync((await cache.set('tool', '#!/bin/sh\n', { executable: true })).path).mode & 0o777).toBe(0o700);
  });

  it('isolates tenant namespaces and clears one without touching others', async () => {
    const cache = openCache({ root: tempRoot() });
    const a = cache.forTenant('a');
    const b = cache.forTenant('b');
    await a.set('k', 'for a');
    await b.set('k', 'for b');
    await cache.set('k', 'global');
    expect(await a.get('k')).toBe('for a');
    expect(await b.get('k')).toBe('for b');
    expect(a.clear()).toBe(1);
    expect(await a.get('k')).toBeUndefined();
    expect(await b.get('k')).toBe('for b');
    expect(await cache.get('k')).toBe('global');
  });

  it('sees entries written by another instance after its init (as another process would)', async () => {
    const root = tempRoot();
    const first = openCache({ root });
    const second = openCache({ root });
    await second.set('k', 'v1');
    expect(await first.get('k')).toBe('v1');
    await second.set('k', 'v2');
    expect(await first.get('k')).toBe('v2');
    await second.delete('k');
    expect(await first.get('k')).toBeUndefined();
  });
});
