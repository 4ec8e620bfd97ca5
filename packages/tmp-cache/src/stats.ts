import type { StartClass } from './lifecycle.js';
import type { CacheState, Counters } from './state.js';

/** What `cache.stats()` returns: the counters since the cache was opened, and gauges. */
export interface CacheStats extends Counters {
  /** Entries stored now. */
  entries: number;
  /** Bytes the entries take now. */
  bytesUsed: number;
  /** Free bytes on the filesystem now. */
  bytesFree: number;
  /** The `maxBytes` budget (Infinity when unbounded). */
  maxBytes: number;
  /** Free space the cache leaves on the filesystem. */
  reserveBytes: number;
  /** How this runtime instance started. */
  startClass: StartClass;
  /** How long `openCache` took to reconcile what earlier runtimes left. */
  reconcileMs: number;
}

/** One metric from `cache.metrics()`, ready for a metrics logger (EMF). */
export interface MetricDatum {
  /** The metric's name, e.g. `TmpCacheHits`. */
  name: string;
  /** The CloudWatch unit. */
  unit: 'Count' | 'Bytes' | 'Milliseconds';
  /** The value: a delta since the previous call for counters, the current value for gauges. */
  value: number;
}

export function collectStats(state: CacheState): CacheStats {
  return {
    ...state.counters,
    entries: state.index.count,
    bytesUsed: state.index.bytes,
    bytesFree: state.freeBytes(),
    maxBytes: state.options.maxBytes,
    reserveBytes: state.reserveBytes,
    startClass: state.start.class,
    reconcileMs: state.reconcileMs,
  };
}

const reported = new WeakMap<CacheState, Counters>();

/** Deltas of the counters since the last call (per invocation when called once per invocation). */
export function collectMetrics(state: CacheState): MetricDatum[] {
  const last = reported.get(state);
  const now = { ...state.counters };
  reported.set(state, now);
  const delta = (name: keyof Counters) => now[name] - (last?.[name] ?? 0);
  const metrics: MetricDatum[] = [
    { name: 'TmpCacheHits', unit: 'Count', value: delta('hits') },
    { name: 'TmpCacheMisses', unit: 'Count', value: delta('misses') },
    { name: 'TmpCacheLoads', unit: 'Count', value: delta('loads') },
    { name: 'TmpCacheEvictions', unit: 'Count', value: delta('evictions') },
    { name: 'TmpCacheExpired', unit: 'Count', value: delta('expired') },
    { name: 'TmpCacheReclaimedOrphans', unit: 'Count', value: delta('reclaimedOrphans') },
    { name: 'TmpCacheIntegrityFailures', unit: 'Count', value: delta('integrityFailures') },
    { name: 'TmpCacheBytesUsed', unit: 'Bytes', value: state.index.bytes },
    { name: 'TmpCacheBytesFree', unit: 'Bytes', value: state.freeBytes() },
  ];
  if (!last) metrics.push({ name: 'TmpCacheReconcileTime', unit: 'Milliseconds', value: state.reconcileMs });
  return metrics;
}
