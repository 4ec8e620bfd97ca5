import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ZipEntry } from './zip.js';

/**
 * Reads a directory into zip entries under `prefix`. Modes are normalised to 0755 (any
 * execute bit set) or 0644, so the zip does not depend on the builder's umask.
 * Symbolic links are followed: a layer must carry the files, not links to the build machine.
 */
export function readTree(dir: string, prefix: string, skip: (relative: string) => boolean = () => false): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (absolute: string, relative: string, seen: Set<string>) => {
    for (const name of readdirSync(absolute)) {
      const childRelative = relative ? `${relative}/${name}` : name;
      if (skip(childRelative)) continue;
      const child = join(absolute, name);
      const stat = statSync(child);
      if (stat.isDirectory()) {
        const key = `${stat.dev}:${stat.ino}`;
        if (seen.has(key)) continue; // a link cycle
        walk(child, childRelative, new Set(seen).add(key));
      } else if (stat.isFile()) {
        entries.push(fileEntry(`${prefix}${childRelative}`, readFileSync(child), stat.mode));
      }
    }
  };
  walk(dir, '', new Set());
  return entries;
}

export function fileEntry(path: string, data: Uint8Array, mode: number): ZipEntry {
  return { path, data, mode: mode & 0o111 ? 0o755 : 0o644 };
}

/** Total bytes once unzipped: what counts against Lambda's 250 MB. */
export function unzippedSize(entries: ZipEntry[]): number {
  return entries.reduce((total, e) => total + e.data.length, 0);
}
