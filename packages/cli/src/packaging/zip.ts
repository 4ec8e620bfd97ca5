import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** One file (or directory, when `path` ends with '/') to put in a zip. */
export interface ZipEntry {
  /** Forward-slash path inside the archive, no leading slash. */
  path: string;
  data: Uint8Array;
  /** Unix permission bits, e.g. 0o644 or 0o755. */
  mode: number;
}

export interface ZipProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

// 1980-01-01 00:00 built from local-time fields: fflate encodes the DOS timestamp from local
// time, so this date gives the same bytes in every time zone (a UTC epoch would not).
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;
const DIRECTORY = 0o040000;
const MSDOS_DIRECTORY_FLAG = 0x10;
// Large files are fed in slices so the progress line can move while the Node binary deflates.
const SLICE = 4 * 1024 * 1024;

/**
 * Writes a deterministic zip: entries sorted by path, parent directories listed explicitly,
 * one fixed timestamp, Unix modes stated, fixed compression level. Same entries, same bytes.
 */
export async function writeZip(entries: ZipEntry[], onProgress?: (p: ZipProgress) => void): Promise<Uint8Array> {
  const all = withParentDirectories(entries);
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const progress: ZipProgress = { filesDone: 0, filesTotal: all.length, bytesDone: 0, bytesTotal: sum(all) };
  for (const entry of all) {
    // Directories are stored; files deflate at a fixed level (the level changes the bytes).
    const file = entry.path.endsWith('/') ? new ZipPassThrough(entry.path) : new ZipDeflate(entry.path, { level: 6 });
    file.mtime = FIXED_MTIME;
    file.os = UNIX;
    file.attrs = attributes(entry);
    zip.add(file);
    if (entry.data.length === 0) file.push(entry.data, true);
    for (let at = 0; at < entry.data.length; at += SLICE) {
      const end = Math.min(at + SLICE, entry.data.length);
      file.push(entry.data.subarray(at, end), end === entry.data.length);
      progress.bytesDone += end - at;
      if (onProgress && entry.data.length > SLICE) {
        onProgress({ ...progress });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    progress.filesDone++;
    onProgress?.({ ...progress });
  }
  zip.end();
  if (failure) throw failure;
  return concat(chunks);
}

function withParentDirectories(entries: ZipEntry[]): ZipEntry[] {
  const byPath = new Map<string, ZipEntry>();
  for (const entry of entries) {
    checkPath(entry.path);
    if (byPath.has(entry.path)) throw new Error(`zip entry ${entry.path} is listed twice`);
    byPath.set(entry.path, entry);
    const parts = entry.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, data: new Uint8Array(0), mode: 0o755 });
    }
  }
  // Plain code-unit order, independent of locale, so every machine sorts alike.
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function checkPath(path: string): void {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`zip entry path "${path}" must be relative, use forward slashes and contain no . or .. segments`);
  }
}

function attributes(entry: ZipEntry): number {
  const isDirectory = entry.path.endsWith('/');
  const type = isDirectory ? DIRECTORY : REGULAR_FILE;
  // (type | mode) << 16 does not fit a signed 32-bit shift; multiply and keep it unsigned.
  return (((type | (entry.mode & 0o7777)) * 0x10000) >>> 0) + (isDirectory ? MSDOS_DIRECTORY_FLAG : 0);
}

function sum(entries: ZipEntry[]): number {
  return entries.reduce((total, e) => total + e.data.length, 0);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
