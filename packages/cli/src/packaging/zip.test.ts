import { unzipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeZip, type ZipEntry } from './zip.js';

const text = (s: string) => new TextEncoder().encode(s);
const entries = (): ZipEntry[] => [
  { path: 'thaw/bootstrap.cjs', data: text('module.exports = 1;\n'.repeat(200)), mode: 0o644 },
  { path: 'bootstrap', data: text('#!/bin/sh\nexec node thaw/bootstrap.cjs\n'), mode: 0o755 },
  { path: 'empty.txt', data: new Uint8Array(0), mode: 0o600 },
];

/** Reads name -> (unix mode, dos date/time) from the central directory, as unzip does. */
function centralDirectory(zip: Uint8Array): Map<string, { mode: number; dosDateTime: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, { mode: number; dosDateTime: number }>();
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    out.set(name, { mode: view.getUint32(at + 38, true) >>> 16, dosDateTime: view.getUint32(at + 12, true) });
  }
  return out;
}

describe('writeZip', () => {
  it('gives the same bytes for the same entries in any order', async () => {
    const a = await writeZip(entries());
    const b = await writeZip(entries().reverse());
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('gives the same bytes in any time zone', async () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await writeZip(entries());
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      const kiritimati = await writeZip(entries());
      expect(Buffer.from(kiritimati).equals(Buffer.from(utc))).toBe(true);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('round-trips the data and lists parent directories', async () => {
    const files = unzipSync(await writeZip(entries()));
    expect(Object.keys(files)).toEqual(['bootstrap', 'empty.txt', 'thaw/', 'thaw/bootstrap.cjs']);
    expect(new TextDecoder().decode(files['thaw/bootstrap.cjs'])).toBe('module.exports = 1;\n'.repeat(200));
  });

  it('records Unix modes with the file type and one fixed timestamp (1980-01-01 00:00)', async () => {
    const cd = centralDirectory(await writeZip(entries()));
    expect(cd.get('bootstrap')?.mode).toBe(0o100755);
    expect(cd.get('thaw/bootstrap.cjs')?.mode).toBe(0o100644);
    expect(cd.get('empty.txt')?.mode).toBe(0o100600);
    expect(cd.get('thaw/')?.mode).toBe(0o040755);
    const dosDay1980 = (0 << 25) | (1 << 21) | (1 << 16);
    expect(new Set([...cd.values()].map((e) => e.dosDateTime))).toEqual(new Set([dosDay1980]));
  });

  it('refuses absolute, parent-relative, backslashed and duplicate paths', async () => {
    const one = (path: string) => writeZip([{ path, data: text('x'), mode: 0o644 }]);
    await expect(one('/etc/passwd')).rejects.toThrow(/must be relative/);
    await expect(one('a/../b')).rejects.toThrow(/no empty, \. or \.\. segments/);
    await expect(one('a\\b')).rejects.toThrow(/forward slashes/);
    await expect(writeZip([...entries(), entries()[0]!])).rejects.toThrow(/listed twice/);
  });

  it('reuses a cached compressed form and produces the same bytes with it', async () => {
    // Random bytes deflate quickly (nothing to match) and span two 4 MiB slices.
    const big = new Uint8Array(randomBytes(5 * 1024 * 1024));
    let stored: Parameters<NonNullable<ZipEntry['compressedCache']>['store']>[1] | undefined;
    let loads = 0;
    const cache = {
      load: () => (loads++, stored),
      store: (_: ZipEntry, c: NonNullable<typeof stored>) => void (stored = c),
    };
    const progress: number[] = [];
    const first = await writeZip([{ path: 'node', data: big, mode: 0o755, compressedCache: cache }], (p) => progress.push(p.bytesDone));
    expect(stored).toBeDefined();
    expect(progress.at(-1)).toBe(big.length);
    expect(progress.length).toBeGreaterThan(2); // moved while the large file deflated
    const second = await writeZip([{ path: 'node', data: big, mode: 0o755, compressedCache: cache }]);
    expect(loads).toBe(2);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(unzipSync(second).node!).equals(Buffer.from(big))).toBe(true);
  });
});
