import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/** One file (or directory, when `path` ends with '/') to put in a zip. */
export interface ZipEntry {
  /** Forward-slash path inside the archive, no leading slash. */
  path: string;
  data: Uint8Array;
  /** Unix permission bits, e.g. 0o644 or 0o755. */
  mode: number;
  /**
   * For large immutable inputs (the Node binary): where this entry's compressed form may be
   * kept and reused, so later builds skip deflating it. The bytes are the same either way.
   */
  compressedCache?: CompressedCache;
}

/** The deflated form of one entry's data, exactly as it goes into the zip. */
export interface Compressed {
  crc: number;
  size: number;
  data: Uint8Array;
}

export interface CompressedCache {
  load(entry: ZipEntry): Compressed | undefined;
  store(entry: ZipEntry, compressed: Compressed): void;
}

export interface ZipProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** The level changes the bytes: it is fixed, and part of any cache key. */
export const DEFLATE_LEVEL = 6;
/** Large files are fed in slices so the progress line can move; the slicing shapes the bytes too. */
export const SLICE = 4 * 1024 * 1024;

// 1980-01-01 00:00 built from local-time fields, at each call: fflate encodes the DOS
// timestamp from local time, so this gives the same bytes in every time zone (a fixed UTC
// instant would not, and would even fall before 1980 west of Greenwich).
const fixedMtime = () => new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const DEFLATE = 8;
const STORED = 0;
const REGULAR_FILE = 0o100000;
const DIRECTORY = 0o040000;
const MSDOS_DIRECTORY_FLAG = 0x10;

/**
 * Writes a deterministic zip with fflate: entries sorted by path, parent directories listed
 * explicitly, one fixed timestamp, Unix modes stated, fixed compression level and slicing.
 * Same entries, same bytes, on any machine and in any time zone.
 */
export async function writeZip(entries: ZipEntry[], onProgress?: (p: ZipProgress) => void): Promise<Uint8Array> {
  const all = withParentDirectories(entries);
  const mtime = fixedMtime();
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const progress: ZipProgress = { filesDone: 0, filesTotal: all.length, bytesDone: 0, bytesTotal: all.reduce((n, e) => n + e.data.length, 0) };
  for (const entry of all) {
    const isDirectory = entry.path.endsWith('/');
    const startedAt = progress.bytesDone;
    const compressed = isDirectory
      ? { crc: 0, size: 0, data: new Uint8Array(0) }
      : await compressWithCache(entry, (done) => {
          progress.bytesDone = startedAt + done;
          onProgress?.({ ...progress });
        });
    progress.bytesDone = startedAt + entry.data.length;
    const file: ZipInputFile = {
      filename: entry.path,
      crc: compressed.crc,
      size: compressed.size,
      compression: isDirectory ? STORED : DEFLATE,
      flag: isDirectory ? 0 : DEFLATE_FLAG,
      mtime,
      os: UNIX,
      attrs: attributes(entry),
    };
    zip.add(file);
    // Hand the finished bytes to the archive (the typing wants an ArrayBuffer-backed array;
    // fflate only reads it).
    file.ondata!(null, compressed.data as Uint8Array<ArrayBuffer>, true);
    progress.filesDone++;
    onProgress?.({ ...progress });
  }
  zip.end();
  if (failure) throw failure;
  return concat(chunks);
}

// The general-purpose flag bits fflate's own ZipDeflate records for this level.
const DEFLATE_FLAG = new ZipDeflate('', { level: DEFLATE_LEVEL }).flag;

async function compressWithCache(entry: ZipEntry, onBytes: (done: number) => void): Promise<Compressed> {
  const cached = entry.compressedCache?.load(entry);
  if (cached) return cached;
  const compressed = await compress(entry.data, onBytes);
  entry.compressedCache?.store(entry, compressed);
  return compressed;
}

/** Deflates with fflate's ZipDeflate, exactly as the zip would, one slice at a time. */
export async function compress(data: Uint8Array, onBytes: (done: number) => void = () => {}): Promise<Compressed> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const deflate = new ZipDeflate('', { level: DEFLATE_LEVEL });
  deflate.ondata = (error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  };
  if (data.length === 0) deflate.push(data, true);
  for (let at = 0; at < data.length; at += SLICE) {
    const end = Math.min(at + SLICE, data.length);
    deflate.push(data.subarray(at, end), end === data.length);
    if (data.length > SLICE) {
      onBytes(end);
      // Yield so the progress line redraws while a large file deflates.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (failure) throw failure;
  return { crc: deflate.crc, size: data.length, data: concat(out) };
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
  const segments = path.replace(/\/$/, '').split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || segments.some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`zip entry path "${path}" must be relative, use forward slashes and contain no empty, . or .. segments`);
  }
}

function attributes(entry: ZipEntry): number {
  const isDirectory = entry.path.endsWith('/');
  const type = isDirectory ? DIRECTORY : REGULAR_FILE;
  // (type | mode) << 16 does not fit a signed 32-bit shift; multiply and keep it unsigned.
  return (((type | (entry.mode & 0o7777)) * 0x10000) >>> 0) + (isDirectory ? MSDOS_DIRECTORY_FLAG : 0);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
