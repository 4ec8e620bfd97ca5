/** Counters for one key. Read by the metrics middleware through `cache.stats()`. */
export interface EntryStats {
  /** Reads served from memory without waiting (stale values served included). */
  hits: number;
  /** Reads that had to wait for a load. */
  misses: number;
  /** Reads served an expired value (stale-while-refresh or stale-if-error). */
  staleHits: number;
  /** Loads started to replace an expired or invalidated value. */
  refreshes: number;
  /** Loads that failed after all their tries. */
  failures: number;
  /** Loads that succeeded. */
  loads: number;
  /** Retries made because a request signed before a freeze was refused. */
  signatureRetries: number;
  /** Wall time of the last successful load, and the sum over all of them. */
  lastLoadMs: number | undefined;
  /** Sum of the wall time of every successful load. */
  totalLoadMs: number;
}

/** What `cache.stats()` returns. */
export interface CacheStats {
  /** The cache's name. */
  name: string;
  /** `AWS_LAMBDA_INITIALIZATION_TYPE` as the cache saw it. */
  initializationType: string;
  /** Counters per key. */
  keys: Record<string, EntryStats>;
  /** Counters summed over the keys. */
  totals: Omit<EntryStats, 'lastLoadMs'>;
}

export function emptyEntryStats(): EntryStats {
  return {
    hits: 0,
    misses: 0,
    staleHits: 0,
    refreshes: 0,
    failures: 0,
    loads: 0,
    signatureRetries: 0,
    lastLoadMs: undefined,
    totalLoadMs: 0,
  };
}

export function sumStats(all: EntryStats[]): Omit<EntryStats, 'lastLoadMs'> {
  const total = emptyEntryStats();
  for (const one of all) {
    total.hits += one.hits;
    total.misses += one.misses;
    total.staleHits += one.staleHits;
    total.refreshes += one.refreshes;
    total.failures += one.failures;
    total.loads += one.loads;
    total.signatureRetries += one.signatureRetries;
    total.totalLoadMs += one.totalLoadMs;
  }
  const { lastLoadMs: _unused, ...rest } = total;
  return rest;
}
