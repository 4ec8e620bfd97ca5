import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexedEntry } from './entry-index.js';
import { rescan, rescanIfChanged, retireEntry } from './scan.js';
import { runtimeId } from './owner.js';
import type { CacheState } from './state.js';
import { accessStamp } from './access-clock.js';

const READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;

/** The entry for an id: from the index, or from disk if another process may have written it. */
export function lookup(state: CacheState, id: string): IndexedEntry | undefined {
  const entry = state.index.get(id);
  if (entry) return entry;
  return rescanIfChanged(state) ? state.index.get(id) : undefined;
}

function isExpired(entry: IndexedEntry, now: number): boolean {
  return entry.expiresAt !== 0 && entry.expiresAt <= now;
}

function noteAccess(entry: IndexedEntry, now: number): void {
  entry.lastAccess = accessStamp(now);
  entry.accessKnown = true;
  entry.touched = true;
}

type Opened = { kind: 'ok'; fd: number; size: number } | { kind: 'stale' } | { kind: 'gone' };

/**
 * Opens an entry's file without following symlinks and checks it against its name:
 * missing or write-protected (superseded by another process) means the index is stale;
 * a wrong size means corruption: the entry is removed and counts as a miss.
 */
function openChecked(state: CacheState, entry: IndexedEntry): Opened {
  // Joined once per entry: the hit path is a handful of microseconds, path.join is not free.
  const path = (entry.path ??= join(state.layout.entries, entry.name));
  let fd: number;
  try {
    fd = openSync(path, READ_NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'stale' };
    if (code === 'ELOOP') {
      state.counters.refusedSymlinks++;
      state.index.remove(entry.id);
      try { unlinkSync(path); } catch { /* already gone */ }
      return { kind: 'gone' };
    }
    throw error;
  }
  const stats = fstatSync(fd);
  if (!stats.isFile() || (stats.mode & 0o200) === 0) {
    closeSync(fd);
    return { kind: 'stale' };
  }
  if (stats.size !== entry.size) {
    closeSync(fd);
    retireCorrupt(state, entry);
    return { kind: 'gone' };
  }
  return { kind: 'ok', fd, size: stats.size };
}

function readAll(fd: number, size: number): Buffer {
  const data = Buffer.allocUnsafe(size);
  let offset = 0;
  try {
    while (offset < size) {
      const read = readSync(fd, data, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
  } finally {
    closeSync(fd);
  }
  return offset === size ? data : data.subarray(0, offset);
}

/** sha256 is checked once per process for entries from others, or always when asked. */
function digestOk(state: CacheState, entry: IndexedEntry, data: Buffer, verify: boolean): boolean {
  if (!entry.sha256 || data.length !== entry.size) return data.length === entry.size;
  if (!verify && (entry.verified || entry.writerRuntime === runtimeId)) return true;
  if (createHash('sha256').update(data).digest('hex') !== entry.sha256) return false;
  entry.verified = true;
  return true;
}

/** What one try of an entry found: a result, a miss, or a stale index to rescan first. */
type Tried<T> = T | undefined | 'stale';

/**
 * The read protocol that get and probe share: find the entry, retire it if it has expired,
 * then try it. When the index is stale (another process replaced or removed the file), the
 * directory is rescanned and the entry tried once more; a second stale answer is a miss.
 */
function withCurrentEntry<T>(
  state: CacheState,
  id: string,
  verify: boolean,
  tryEntry: (state: CacheState, entry: IndexedEntry, now: number, verify: boolean) => Tried<T>,
): T | undefined {
  let entry = lookup(state, id);
  for (let attempt = 0; entry && attempt < 2; attempt++) {
    const now = Date.now();
    if (isExpired(entry, now)) {
      retireEntry(state, entry);
      state.counters.expired++;
      return undefined;
    }
    const tried = tryEntry(state, entry, now, verify);
    if (tried !== 'stale') return tried;
    rescan(state, { reclaimTemps: false });
    entry = state.index.get(id);
  }
  return undefined;
}

/** A file that does not match its name (size or digest) is removed: it reads as a miss. */
function retireCorrupt(state: CacheState, entry: IndexedEntry): undefined {
  state.counters.integrityFailures++;
  retireEntry(state, entry, { force: true });
  return undefined;
}

function readChecked(state: CacheState, entry: IndexedEntry, now: number, verify: boolean): Tried<{ entry: IndexedEntry; data: Buffer }> {
  const opened = openChecked(state, entry);
  if (opened.kind !== 'ok') return opened.kind === 'stale' ? 'stale' : undefined;
  const data = readAll(opened.fd, opened.size);
  if (!digestOk(state, entry, data, verify)) return retireCorrupt(state, entry);
  noteAccess(entry, now);
  return { entry, data };
}

export function readEntry(state: CacheState, id: string, verify: boolean, count = true): { entry: IndexedEntry; data: Buffer } | undefined {
  const found = withCurrentEntry(state, id, verify, readChecked);
  if (count) {
    if (found) state.counters.hits++;
    else state.counters.misses++;
  }
  return found;
}

function statChecked(state: CacheState, entry: IndexedEntry, now: number): Tried<IndexedEntry> {
  const stats = lstatSync(join(state.layout.entries, entry.name), { throwIfNoEntry: false });
  if (stats?.isFile() && (stats.mode & 0o200) !== 0) {
    if (stats.size !== entry.size) return retireCorrupt(state, entry);
    noteAccess(entry, now);
    return entry;
  }
  if (stats?.isSymbolicLink()) {
    state.counters.refusedSymlinks++;
    retireEntry(state, entry, { force: true });
    return undefined;
  }
  // Missing, or write-protected (superseded by another process): the index is stale.
  return 'stale';
}

/** Like readEntry without reading the content: the file exists, fits its name, is current. */
export function probeEntry(state: CacheState, id: string): IndexedEntry | undefined {
  return withCurrentEntry(state, id, false, statChecked);
}

/** Checks a file entry's sha256 by reading it (streamed, so large files are fine). */
export { hashFile } from './publish.js';
