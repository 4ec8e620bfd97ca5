import { join } from 'node:path';
import { makeRoom, evict } from './budget.js';
import { TmpCacheFillError, TmpCacheNoSpaceError } from './errors.js';
import { indexedEntry, type IndexedEntry } from './entry-index.js';
import { formatEntryName, newGeneration, parseEntryName, type EntryKind } from './names.js';
import type { FillOptions, SetOptions } from './options.js';
import { runtimeId } from './owner.js';
import { isNoSpace, publishTemp, removeQuietly, writeTempByPath, writeTempFromStream, writeTempSync, type WriteSpec, type WrittenTemp } from './publish.js';
import { rescan, retireEntry } from './scan.js';
import type { CacheState } from './state.js';
import { accessStamp } from './access-clock.js';

export type StreamSource = AsyncIterable<Uint8Array | string>;

function writeSpec(state: CacheState, options: SetOptions | undefined): WriteSpec {
  return {
    dir: state.layout.entries,
    executable: options?.executable === true,
    durable: options?.durable ?? state.options.durable,
    sha256: options?.sha256 ?? state.options.sha256,
  };
}

/** Renames the temp file into place under a name carrying its facts; retires the old version. */
function commit(state: CacheState, id: string, kind: EntryKind, temp: WrittenTemp, spec: WriteSpec, options: SetOptions | undefined): IndexedEntry {
  const now = Date.now();
  const ttl = options?.ttlMs ?? state.options.defaultTtlMs;
  const name = formatEntryName({
    id,
    gen: newGeneration(now),
    size: temp.size,
    expiresAt: ttl === undefined ? 0 : now + ttl,
    kind,
    pinned: options?.pin === true,
    executable: spec.executable,
    writerRuntime: runtimeId,
    writerInvocation: state.currentInvocation()?.seq ?? 0,
    sha256: temp.sha256,
  });
  try {
    publishTemp(temp.path, join(spec.dir, name), spec.dir, spec.durable);
  } catch (error) {
    removeQuietly(temp.path);
    throw error;
  }
  const entry = indexedEntry(name, parseEntryName(name)!);
  entry.lastAccess = accessStamp(now);
  entry.accessKnown = true;
  entry.verified = true;
  const previous = state.index.get(id);
  state.index.put(entry);
  if (previous && previous.name !== name) retireEntry(state, previous);
  state.counters.sets++;
  return entry;
}

/** ENOSPC: another user of /tmp took the space. Evict what we can, then the caller retries once. */
function recoverSpace(state: CacheState, needed: number, id: string): void {
  state.counters.noSpaceRetries++;
  rescan(state, { reclaimTemps: true });
  evict(state, Math.max(needed, 1) + state.reserveBytes, id);
}

function noSpace(size: number | undefined, cause: unknown): TmpCacheNoSpaceError {
  return new TmpCacheNoSpaceError(
    `The filesystem is full (ENOSPC) even after evicting cache entries${size === undefined ? '' : ` for ${size} bytes`}; nothing was cached and no partial file was left. Other users of /tmp hold the space: raise the ephemeral storage size or clean up files outside the cache.`,
    { cause },
  );
}

export function setBuffer(state: CacheState, id: string, kind: EntryKind, data: Uint8Array, options: SetOptions | undefined): IndexedEntry {
  const spec = writeSpec(state, options);
  makeRoom(state, data.length, id);
  for (let attempt = 0; ; attempt++) {
    let temp: WrittenTemp;
    try {
      temp = writeTempSync(spec, data);
    } catch (error) {
      if (!isNoSpace(error)) throw error;
      if (attempt > 0) throw noSpace(data.length, error);
      recoverSpace(state, data.length, id);
      continue;
    }
    return commit(state, id, kind, temp, spec, options);
  }
}

async function withPending<T>(state: CacheState, bytes: number, run: () => Promise<T>): Promise<T> {
  state.pendingBytes += bytes;
  try {
    return await run();
  } finally {
    state.pendingBytes -= bytes;
  }
}

function checkExpected(temp: WrittenTemp, options: FillOptions | undefined): void {
  if (options?.expectedSize !== undefined && temp.size !== options.expectedSize) {
    removeQuietly(temp.path);
    throw new TmpCacheFillError(`The fill produced ${temp.size} bytes but expectedSize is ${options.expectedSize}; nothing was cached.`);
  }
  if (options?.expectedSha256 !== undefined && temp.sha256 !== options.expectedSha256.toLowerCase()) {
    removeQuietly(temp.path);
    throw new TmpCacheFillError('The fill produced content whose sha256 differs from expectedSha256; nothing was cached.');
  }
}

/**
 * Streams into a new entry without holding it in memory. Room is made up front for
 * expectedSize, else in 4 MiB steps as bytes arrive. On ENOSPC the source factory is
 * called once more after evicting.
 */
export async function setFromStream(
  state: CacheState, id: string, source: () => StreamSource | Promise<StreamSource>, options: FillOptions | undefined,
  heartbeat?: () => void,
): Promise<IndexedEntry> {
  const spec = writeSpec(state, options);
  if (options?.expectedSha256 !== undefined) spec.sha256 = true;
  // Small steps relative to the budget, so eviction follows the bytes really written.
  const step = Math.min(4 * 1024 * 1024, Math.max(64 * 1024, Math.floor(state.options.maxBytes / 16)));
  for (let attempt = 0; ; attempt++) {
    let reserved = options?.expectedSize ?? 0;
    makeRoom(state, reserved, id);
    let lastBeat = Date.now();
    try {
      const temp = await withPending(state, 0, async () => {
        state.pendingBytes += reserved;
        try {
          return await writeTempFromStream(spec, await source(), (sofar) => {
            if (sofar > reserved) {
              // Reserve in steps, but never a step beyond maxBytes: only real bytes may fail the budget.
              const more = Math.max(Math.min(step, state.options.maxBytes - reserved), sofar - reserved);
              makeRoom(state, more, id, sofar, false);
              state.pendingBytes += more;
              reserved += more;
            }
            if (heartbeat && Date.now() - lastBeat > 1000) {
              lastBeat = Date.now();
              heartbeat();
            }
          });
        } finally {
          state.pendingBytes -= reserved;
        }
      });
      checkExpected(temp, options);
      return commit(state, id, 'f', temp, spec, options);
    } catch (error) {
      if (!isNoSpace(error)) throw error;
      if (attempt > 0) throw noSpace(options?.expectedSize, error);
      recoverSpace(state, reserved, id);
    }
  }
}

/** The caller (or a tool it runs) writes the file at a temp path; then it is published. */
export async function setByPath(
  state: CacheState, id: string, fill: (path: string) => unknown, options: FillOptions | undefined,
): Promise<IndexedEntry> {
  const spec = writeSpec(state, options);
  if (options?.expectedSha256 !== undefined) spec.sha256 = true;
  const expected = options?.expectedSize ?? 0;
  for (let attempt = 0; ; attempt++) {
    makeRoom(state, expected, id);
    try {
      const temp = await withPending(state, expected, () => writeTempByPath(spec, fill));
      checkExpected(temp, options);
      if (temp.size > expected) {
        try {
          makeRoom(state, temp.size - expected, id);
        } catch (error) {
          removeQuietly(temp.path);
          throw error;
        }
      }
      return commit(state, id, 'f', temp, spec, options);
    } catch (error) {
      if (!isNoSpace(error)) throw error;
      if (attempt > 0) throw noSpace(options?.expectedSize, error);
      recoverSpace(state, expected, id);
    }
  }
}
