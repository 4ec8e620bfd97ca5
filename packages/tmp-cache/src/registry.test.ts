import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache, TMP_CACHE_REGISTRY } from './index.js';

describe('registry of open caches', () => {
  const root = mkdtempSync(join(tmpdir(), 'tmp-cache-registry-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists every opened cache under the shared symbol, for the metrics middleware', () => {
    const a = openCache({ root, name: 'a' });
    const b = openCache({ root, name: 'b' });
    const registry = (globalThis as Record<symbol, unknown>)[Symbol.for('thaw.tmp-cache.caches')];
    expect(TMP_CACHE_REGISTRY).toBe(Symbol.for('thaw.tmp-cache.caches'));
    expect(registry).toBeInstanceOf(Set);
    expect([...(registry as Set<unknown>)]).toEqual(expect.arrayContaining([a, b]));
    expect(typeof a.metrics).toBe('function');
  });
});
