import type { Metrics } from '@aws-lambda-powertools/metrics';
import { initCaches } from '../init-cache/init-cache.js';

/** What the metrics middleware needs from a @thaw/tmp-cache cache: its `metrics()` deltas. */
export interface TmpCacheMetricsSource {
  /** The counters since the previous call, and gauges, as `TmpCache.metrics()` returns them. */
  metrics(): ReadonlyArray<{
    /** The metric's name. */
    name: string;
    /** The CloudWatch unit. */
    unit: 'Count' | 'Bytes' | 'Milliseconds';
    /** The value. */
    value: number;
  }>;
}

/**
 * Where @thaw/tmp-cache can list its open caches without this package importing it (a
 * function that never uses /tmp must not load it): a Set on globalThis under this symbol.
 */
export const TMP_CACHE_REGISTRY = Symbol.for('thaw.tmp-cache.caches');

export function registeredTmpCaches(): Iterable<TmpCacheMetricsSource> {
  const registry = (globalThis as Record<symbol, unknown>)[TMP_CACHE_REGISTRY];
  return registry instanceof Set ? (registry as Set<TmpCacheMetricsSource>) : [];
}

/** Init duration: from the process start to the moment the middleware was created (module load). */
export function initDurationMs(createdAt: number): number {
  return Math.max(0, Math.round(createdAt));
}

/** Init-cache hits and misses since the previous call, summed over every cache in the process. */
export function initCacheCounter(): (metrics: Metrics) => void {
  let lastHits = 0;
  let lastMisses = 0;
  return (metrics) => {
    let hits = 0;
    let misses = 0;
    for (const cache of initCaches()) {
      const totals = cache.stats().totals;
      hits += totals.hits;
      misses += totals.misses;
    }
    // Concurrent invocations may read overlapping windows; each delta is counted once.
    const newHits = hits - lastHits;
    const newMisses = misses - lastMisses;
    lastHits = hits;
    lastMisses = misses;
    if (initCaches().size === 0) return;
    metrics.addMetric('InitCacheHits', 'Count', newHits);
    metrics.addMetric('InitCacheMisses', 'Count', newMisses);
  };
}

export function addTmpCacheMetrics(metrics: Metrics, caches: Iterable<TmpCacheMetricsSource>): void {
  for (const cache of caches) {
    for (const datum of cache.metrics()) metrics.addMetric(datum.name, datum.unit, datum.value);
  }
}
