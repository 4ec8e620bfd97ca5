import { join } from 'node:path';
import type { IndexedEntry } from './entry-index.js';
import { generationTime } from './names.js';
import { runtimeId } from './owner.js';
import type { CacheState } from './state.js';
import { kindLabel } from './values.js';

/**
 * Who wrote an entry, relative to the caller: this invocation, an earlier invocation (or
 * the init) of this runtime, another runtime that is running now (Managed Instances
 * workers, threads), or a runtime from before this one started (before a crash or re-init).
 */
export type EntryOrigin = 'this-invocation' | 'earlier-invocation' | 'other-runtime' | 'earlier-runtime';

/** Facts about a stored entry, from `set`, `inspect` and the file methods. */
export interface EntryInfo {
  /** The entry's key. */
  key: string;
  /** Absolute path of the entry's file: open it read-only (entries are immutable). */
  path: string;
  /** Size of the stored bytes. */
  size: number;
  /** How the value was stored, and so how `get` returns it. */
  kind: 'buffer' | 'string' | 'json' | 'file';
  /** When the entry was written, epoch milliseconds. */
  createdAt: number;
  /** When the entry expires (epoch milliseconds, from `ttlMs`); undefined when it does not. */
  expiresAt: number | undefined;
  /** Set with `pin`: an init artifact, never evicted to make room for request data. */
  pinned: boolean;
  /** Stored with mode 0700, for binaries run by the function. */
  executable: boolean;
  /** The hex SHA-256 recorded while writing (the `sha256` option), checked on verified reads. */
  sha256: string | undefined;
  /** Who wrote the entry, relative to the caller. */
  origin: EntryOrigin;
}

/**
 * The writer is told apart by the runtime id and invocation number in the entry's name;
 * a runtime that is not us counts as "earlier" when its entry predates our init.
 */
function entryOrigin(state: CacheState, entry: IndexedEntry): EntryOrigin {
  if (entry.writerRuntime === runtimeId) {
    const current = state.currentInvocation();
    return current && entry.writerInvocation === current.seq ? 'this-invocation' : 'earlier-invocation';
  }
  return generationTime(entry.gen) >= state.initAt ? 'other-runtime' : 'earlier-runtime';
}

/** The public facts of an indexed entry, as `set`, `inspect` and the file methods return them. */
export function describeEntry(state: CacheState, key: string, entry: IndexedEntry): EntryInfo {
  return {
    key,
    path: join(state.layout.entries, entry.name),
    size: entry.size,
    kind: kindLabel(entry.kind),
    createdAt: generationTime(entry.gen),
    expiresAt: entry.expiresAt === 0 ? undefined : entry.expiresAt,
    pinned: entry.pinned,
    executable: entry.executable,
    sha256: entry.sha256,
    origin: entryOrigin(state, entry),
  };
}
