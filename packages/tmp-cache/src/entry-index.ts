import { generationTime, type EntryName } from './names.js';

export interface IndexedEntry extends EntryName {
  /** File name inside entries/. */
  name: string;
  /** Absolute path, filled in on first read. */
  path: string | undefined;
  /** Wall-clock ms of the last known access (write time until read or stat'ed). */
  lastAccess: number;
  /** lastAccess includes the file's persisted atime (or an access in this process). */
  accessKnown: boolean;
  /** sha256 already checked by this process. */
  verified: boolean;
  /** Read since the last maintenance pass: its atime is persisted then, for LRU after re-init. */
  touched: boolean;
}

export function indexedEntry(name: string, parsed: EntryName): IndexedEntry {
  // Fields listed one by one (no spread): one object shape for every entry keeps the
  // 1,000-entry init rebuild in the sub-millisecond range.
  return {
    id: parsed.id, gen: parsed.gen, size: parsed.size, expiresAt: parsed.expiresAt, kind: parsed.kind,
    pinned: parsed.pinned, executable: parsed.executable, writerRuntime: parsed.writerRuntime,
    writerInvocation: parsed.writerInvocation, sha256: parsed.sha256,
    name, path: undefined, lastAccess: generationTime(parsed.gen), accessKnown: false, verified: false, touched: false,
  };
}

/** The in-memory view of entries/: newest generation per id, and the bytes they hold. */
export class EntryIndex {
  private byId = new Map<string, IndexedEntry>();
  bytes = 0;

  get(id: string): IndexedEntry | undefined {
    return this.byId.get(id);
  }

  put(entry: IndexedEntry): void {
    const previous = this.byId.get(entry.id);
    if (previous) this.bytes -= previous.size;
    this.byId.set(entry.id, entry);
    this.bytes += entry.size;
  }

  remove(id: string): IndexedEntry | undefined {
    const previous = this.byId.get(id);
    if (previous) {
      this.byId.delete(id);
      this.bytes -= previous.size;
    }
    return previous;
  }

  /** Replaces the whole index (after a directory scan). */
  reset(entries: IndexedEntry[]): void {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
    this.bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  }

  get count(): number {
    return this.byId.size;
  }

  values(): IterableIterator<IndexedEntry> {
    return this.byId.values();
  }
}
