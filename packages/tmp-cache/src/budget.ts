import { statSync } from 'node:fs';
import { join } from 'node:path';
import { TmpCacheNoSpaceError } from './errors.js';
import type { IndexedEntry } from './entry-index.js';
import { retireEntry } from './scan.js';
import type { CacheState } from './state.js';

/**
 * Makes room for `incoming` bytes before they are written: within maxBytes, and leaving
 * `reserveBytes` free on the filesystem (statfs, ~1 µs). Evicts least recently used entries
 * that are not pinned, not leased and not the key being replaced. Streams of unknown size
 * reserve budget in steps without the disk check (a step is not real bytes); for them a
 * real ENOSPC is the backstop, handled by evicting and retrying once.
 */
export function makeRoom(
  state: CacheState, incoming: number, replacingId?: string, entrySoFar = incoming, checkDisk = true,
): void {
  const { maxBytes } = state.options;
  if (entrySoFar > maxBytes || incoming > maxBytes) {
    throw new TmpCacheNoSpaceError(`An entry of ${entrySoFar > incoming ? 'at least ' : ''}${Math.max(entrySoFar, incoming)} bytes cannot fit in maxBytes (${maxBytes}). Raise maxBytes or store a smaller value.`);
  }
  const replacing = replacingId === undefined ? undefined : state.index.get(replacingId);
  const overBudget = state.index.bytes + state.pendingBytes + incoming - (replacing?.size ?? 0) - maxBytes;
  const overDisk = checkDisk ? incoming + state.reserveBytes - state.freeBytes() : 0;
  const need = Math.max(overBudget, overDisk);
  if (need <= 0) return;
  const freed = evict(state, need, replacingId);
  if (freed < need) {
    const why = overDisk >= overBudget
      ? `the filesystem keeps ${state.reserveBytes} bytes in reserve and has ${state.freeBytes()} free`
      : `maxBytes is ${maxBytes} and ${state.index.bytes} bytes are used`;
    throw new TmpCacheNoSpaceError(
      `No room for an entry of ${incoming} bytes: ${why}, and only ${freed} bytes could be evicted (the rest is pinned, leased or in use). Raise the ephemeral storage size or maxBytes, or delete entries.`,
    );
  }
}

/** Evicts LRU entries until `need` bytes are freed; returns the bytes freed. */
export function evict(state: CacheState, need: number, protectId?: string): number {
  const leased = state.leases.scan().leased;
  const candidates: IndexedEntry[] = [];
  for (const entry of state.index.values()) {
    if (entry.pinned || entry.id === protectId || leased.has(`${entry.id}.${entry.gen}`)) continue;
    if (!entry.accessKnown) learnAccessTime(state, entry);
    candidates.push(entry);
  }
  candidates.sort((a, b) => a.lastAccess - b.lastAccess);
  let freed = 0;
  for (const entry of candidates) {
    if (freed >= need) break;
    retireEntry(state, entry, { force: true });
    state.counters.evictions++;
    freed += entry.size;
  }
  return freed;
}

/** Entries this process has not read carry their last access in the file's atime. */
function learnAccessTime(state: CacheState, entry: IndexedEntry): void {
  const stats = statSync(join(state.layout.entries, entry.name), { throwIfNoEntry: false });
  if (stats) entry.lastAccess = Math.max(entry.lastAccess, stats.atimeMs);
  entry.accessKnown = true;
}
