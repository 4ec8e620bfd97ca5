import { chmodSync, closeSync, constants, openSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { indexedEntry, type IndexedEntry } from './entry-index.js';
import { TEMP_PREFIX, formatEntryName, newGeneration, parseEntryName, type EntryName } from './names.js';
import { isOwnerAlive, parseOwnerTag, runtimeId } from './owner.js';
import type { CacheState } from './state.js';

/**
 * Rebuilds the index from one readdir of entries/: the newest generation of each id wins,
 * older ones and tombstones are removed unless leased, expired entries are dropped, and
 * (at init and in maintenance) temp files of dead writers are reclaimed.
 */
export function rescan(state: CacheState, options: { reclaimTemps: boolean; now?: number }): void {
  const dir = state.layout.entries;
  const now = options.now ?? Date.now();
  state.scannedDirMtimeMs = statSync(dir).mtimeMs;
  const newest = new Map<string, { name: string; parsed: EntryName }>();
  const older: Array<{ name: string; parsed: EntryName }> = [];
  let leased: Set<string> | undefined;
  const isLeased = (parsed: EntryName) => (leased ??= state.leases.scan().leased).has(`${parsed.id}.${parsed.gen}`);

  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    const name = dirent.name;
    if (name.startsWith(TEMP_PREFIX)) {
      if (options.reclaimTemps && isOrphanTemp(name) && removeAny(join(dir, name), dirent.isDirectory())) state.counters.reclaimedOrphans++;
      continue;
    }
    const parsed = dirent.isFile() ? parseEntryName(name) : undefined;
    if (!parsed) {
      // Symlinks, directories and foreign files have no business here: refused and removed.
      if (dirent.isSymbolicLink()) state.counters.refusedSymlinks++;
      removeAny(join(dir, name), dirent.isDirectory());
      continue;
    }
    const current = newest.get(parsed.id);
    if (!current) newest.set(parsed.id, { name, parsed });
    else if (current.parsed.gen < parsed.gen) {
      older.push(current);
      newest.set(parsed.id, { name, parsed });
    } else older.push({ name, parsed });
  }

  const idsWithLeftovers = new Set<string>();
  for (const { name, parsed } of older) {
    if (parsed.kind !== 'd' && isLeased(parsed)) {
      idsWithLeftovers.add(parsed.id);
      continue;
    }
    removeAny(join(dir, name), false);
  }

  // Keep what this process learned (access times, verified digests) for unchanged files.
  const previous = new Map<string, IndexedEntry>();
  for (const entry of state.index.values()) previous.set(entry.name, entry);
  const live: IndexedEntry[] = [];

  for (const { name, parsed } of newest.values()) {
    if (parsed.kind === 'd') {
      if (!idsWithLeftovers.has(parsed.id)) removeAny(join(dir, name), false);
      continue;
    }
    if (parsed.expiresAt !== 0 && parsed.expiresAt <= now && !isLeased(parsed)) {
      removeAny(join(dir, name), false);
      state.counters.expired++;
      continue;
    }
    live.push(previous.get(name) ?? indexedEntry(name, parsed));
  }
  state.index.reset(live);
}

/** Re-reads entries/ only when another process may have changed it since the last scan. */
export function rescanIfChanged(state: CacheState): boolean {
  const mtimeMs = statSync(state.layout.entries).mtimeMs;
  // Directory mtimes are coarse (one kernel tick): a change in the same tick as our last
  // scan would be invisible, so a recently modified directory always counts as changed.
  if (mtimeMs === state.scannedDirMtimeMs && Date.now() - mtimeMs > 50) return false;
  rescan(state, { reclaimTemps: false });
  return true;
}

function isOrphanTemp(name: string): boolean {
  const owner = parseOwnerTag(name.slice(TEMP_PREFIX.length).split('.').slice(0, 3));
  return !owner || !isOwnerAlive(owner);
}

function removeAny(path: string, directory: boolean): boolean {
  try {
    if (directory) rmSync(path, { recursive: true, force: true });
    else unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes an entry out of the cache. A file someone holds by path stays on disk: its write
 * bit is cleared (readers in other processes take that as "superseded") and a tombstone
 * hides it from the next scan until the lease ends.
 */
export function retireEntry(state: CacheState, entry: IndexedEntry, options: { force?: boolean } = {}): void {
  if (state.index.get(entry.id)?.name === entry.name) state.index.remove(entry.id);
  const path = join(state.layout.entries, entry.name);
  if (!options.force && state.leases.scan().leased.has(`${entry.id}.${entry.gen}`)) {
    try {
      chmodSync(path, entry.executable ? 0o500 : 0o400);
    } catch {
      return;
    }
    if (!state.index.get(entry.id)) writeTombstone(state, entry);
    return;
  }
  removeAny(path, false);
}

function writeTombstone(state: CacheState, entry: IndexedEntry): void {
  const name = formatEntryName({
    id: entry.id, gen: newGeneration(), size: 0, expiresAt: 0, kind: 'd', pinned: false, executable: false,
    writerRuntime: runtimeId, writerInvocation: 0, sha256: undefined,
  });
  closeSync(openSync(join(state.layout.entries, name), constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600));
}
