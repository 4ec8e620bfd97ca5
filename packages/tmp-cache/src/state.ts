import { AsyncLocalStorage } from 'node:async_hooks';
import { statfsSync } from 'node:fs';
import { EntryIndex } from './entry-index.js';
import { Leases } from './leases.js';
import { FillLocks } from './locks.js';
import type { Layout } from './layout.js';
import type { ResolvedOptions } from './options.js';
import type { StartInfo } from './lifecycle.js';
import type { InvocationScope } from './invocation-scope.js';

export interface Counters {
  /** Reads that found a live entry. */
  hits: number;
  /** Reads that found nothing (or an expired entry). */
  misses: number;
  /** Entries written. */
  sets: number;
  /** Entries removed by `delete` or `clear`. */
  deletes: number;
  /** Entries removed to stay within the byte budget or free space. */
  evictions: number;
  /** Entries removed because their TTL passed. */
  expired: number;
  /** Leftovers of interrupted writes (from crashed or killed runtimes) removed. */
  reclaimedOrphans: number;
  /** Paths refused because a symlink was found where a file or directory belongs. */
  refusedSymlinks: number;
  /** Entries whose content did not match its recorded size or SHA-256 (dropped). */
  integrityFailures: number;
  /** Loader or fill calls made by the get-or-set methods. */
  loads: number;
  /** Times a get-or-set waited for another invocation, thread or process filling the same key. */
  lockWaits: number;
  /** Fill locks taken over from a holder that died. */
  lockTakeovers: number;
  /** Writes retried after ENOSPC (after evicting to make room). */
  noSpaceRetries: number;
}

/** Everything one open cache shares between its namespaced views. */
export class CacheState {
  readonly index = new EntryIndex();
  readonly leases: Leases;
  readonly locks: FillLocks;
  readonly counters: Counters = {
    hits: 0, misses: 0, sets: 0, deletes: 0, evictions: 0, expired: 0, reclaimedOrphans: 0,
    refusedSymlinks: 0, integrityFailures: 0, loads: 0, lockWaits: 0, lockTakeovers: 0, noSpaceRetries: 0,
  };
  readonly reserveBytes: number;
  readonly initAt = Date.now();
  start!: StartInfo;
  reconcileMs = 0;
  /** Bytes of writes in flight, counted against the budget before they land. */
  pendingBytes = 0;
  /** mtime of entries/ at the last full scan: a change means another process wrote. */
  scannedDirMtimeMs = -1;
  invocationSeq = 0;
  readonly active = new Set<InvocationScope>();
  lastBegun: InvocationScope | undefined;
  readonly scope = new AsyncLocalStorage<InvocationScope>();
  readonly inflight = new Map<string, Promise<unknown>>();

  constructor(readonly options: ResolvedOptions, readonly layout: Layout) {
    this.leases = new Leases(layout.leases);
    this.locks = new FillLocks(layout.locks, options.lockStaleMs);
    this.reserveBytes = options.reserveBytes ?? defaultReserve(layout.entries);
  }

  /** The invocation a call belongs to: the async scope if any, else the one begun last. */
  currentInvocation(): InvocationScope | undefined {
    return this.scope.getStore() ?? (this.lastBegun && this.active.has(this.lastBegun) ? this.lastBegun : undefined);
  }

  freeBytes(): number {
    const fs = statfsSync(this.layout.entries);
    return fs.bavail * fs.bsize;
  }
}

function defaultReserve(dir: string): number {
  const fs = statfsSync(dir);
  return Math.min(Math.floor(fs.blocks * fs.bsize * 0.1), 64 * 1024 * 1024);
}
