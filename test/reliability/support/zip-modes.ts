// Reads the Unix modes of a zip's entries from its central directory (the high 16 bits of
// each entry's external attributes), without extracting anything.
import { readFileSync } from 'node:fs';

const CENTRAL_ENTRY = 0x02014b50;

export function zipEntryModes(file: string): Array<{ name: string; mode: number }> {
  const zip = readFileSync(file);
  const entries: Array<{ name: string; mode: number }> = [];
  for (let offset = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); offset >= 0 && offset + 46 <= zip.length; ) {
    if (zip.readUInt32LE(offset) !== CENTRAL_ENTRY) break;
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const mode = zip.readUInt32LE(offset + 38) >>> 16;
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), mode: mode & 0o7777 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
