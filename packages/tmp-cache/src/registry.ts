import type { TmpCache } from './cache.js';

/**
 * Every open cache, in a Set on globalThis under a registered symbol: the metrics middleware of
 * @thaw/middleware reports their counters without importing this package (a function that
 * never touches /tmp must not load it), and copies of this package bundled twice share it.
 */
export const TMP_CACHE_REGISTRY = Symbol.for('thaw.tmp-cache.caches');

export function register(cache: TmpCache): TmpCache {
  const slot = globalThis as Record<symbol, unknown>;
  let registry = slot[TMP_CACHE_REGISTRY];
  if (!(registry instanceof Set)) slot[TMP_CACHE_REGISTRY] = registry = new Set();
  (registry as Set<TmpCache>).add(cache);
  return cache;
}
