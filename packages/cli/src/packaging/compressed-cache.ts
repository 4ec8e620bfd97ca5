import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEFLATE_LEVEL, SLICE, type Compressed, type CompressedCache, type ZipEntry } from './zip.js';

const FFLATE_VERSION = (createRequire(import.meta.url)('fflate/package.json') as { version: string }).version;
// Everything that shapes the compressed bytes; a cache written under another key is ignored.
const KEY = `thaw-deflate-1 fflate@${FFLATE_VERSION} level ${DEFLATE_LEVEL} slice ${SLICE}`;

/**
 * Keeps an entry's deflated bytes in a file beside its source (the cached Node binary), so
 * only the first layer build with that Node pays the ~10 s of pure-JS deflate. The file holds
 * a one-line JSON header (the key, the source's sha256, crc and size), then the bytes.
 * Best effort: an unreadable, stale or unwritable cache just means deflating again.
 */
export function fileCompressedCache(path: string, sourceSha256: string): CompressedCache {
  return {
    load(entry: ZipEntry): Compressed | undefined {
      if (!existsSync(path)) return undefined;
      try {
        const file = readFileSync(path);
        const newline = file.indexOf(10);
        const header = JSON.parse(file.subarray(0, newline).toString('utf8')) as { key: string; sha256: string; crc: number; size: number };
        if (header.key !== KEY || header.sha256 !== sourceSha256 || header.size !== entry.data.length) return undefined;
        return { crc: header.crc, size: header.size, data: file.subarray(newline + 1) };
      } catch {
        return undefined;
      }
    },
    store(_entry: ZipEntry, compressed: Compressed): void {
      const header = Buffer.from(`${JSON.stringify({ key: KEY, sha256: sourceSha256, crc: compressed.crc, size: compressed.size })}\n`);
      const partial = `${path}.partial-${process.pid}`;
      try {
        writeFileSync(partial, Buffer.concat([header, compressed.data]));
        renameSync(partial, path);
      } catch {
        // A read-only cache is fine: the next build deflates again.
      }
    },
  };
}

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
