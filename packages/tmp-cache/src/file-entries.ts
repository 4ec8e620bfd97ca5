import { describeEntry, type EntryInfo } from './entry-info.js';
import type { IndexedEntry } from './entry-index.js';
import { runtimeId } from './owner.js';
import { hashFile } from './publish.js';
import { probeEntry } from './read.js';
import { retireEntry } from './scan.js';
import type { CacheState } from './state.js';

/** A file entry handed out by path: eviction and replacement keep the file until release(). */
export interface FileEntry extends EntryInfo {
  /** Ends the lease: the file may now be evicted, replaced or deleted. Also done at the end of the invocation. */
  release(): void;
}

/**
 * Hands out an entry's file by path under a lease. The current invocation keeps the lease
 * too, so a caller who forgets release() still frees the file when the invocation ends.
 */
export function leaseEntry(state: CacheState, key: string, entry: IndexedEntry): FileEntry {
  const lease = state.leases.acquire(entry.id, entry.gen);
  state.currentInvocation()?.leases.push(lease);
  return { ...describeEntry(state, key, entry), release: () => lease.release() };
}

/** The leased file of an entry that is present and current, counted as a hit; undefined otherwise (not counted). */
export function leaseIfPresent(state: CacheState, key: string, id: string): FileEntry | undefined {
  const entry = probeEntry(state, id);
  if (!entry) return undefined;
  state.counters.hits++;
  return leaseEntry(state, key, entry);
}

/**
 * The leased file of `id`, or undefined on a miss. The file is leased before it is hashed, so
 * eviction cannot remove it mid-check. The recorded sha256 is checked when asked, and once
 * per process for files another runtime wrote (it may have died mid-way or been tampered
 * with); our own writes were hashed as they were written.
 */
export async function getVerifiedFile(state: CacheState, key: string, id: string, verify: boolean): Promise<FileEntry | undefined> {
  const entry = probeEntry(state, id);
  if (!entry) {
    state.counters.misses++;
    return undefined;
  }
  const file = leaseEntry(state, key, entry);
  if (entry.sha256 && (verify || (!entry.verified && entry.writerRuntime !== runtimeId))) {
    if ((await hashFile(file.path)) !== entry.sha256) {
      file.release();
      state.counters.integrityFailures++;
      state.counters.misses++;
      retireEntry(state, entry, { force: true });
      return undefined;
    }
    entry.verified = true;
  }
  state.counters.hits++;
  return file;
}
