// The code cache file: V8's compiled code for dist/bootstrap.cjs, valid only for the exact
// Node.js build that made it (version and architecture in the file name; V8 itself rejects
// data from another V8 version or other flags). V8 checks little of the source it is given,
// so the file also carries the source it was made from: code is used only for that source.
const HEADER_BYTES = 4;

/** Where the launcher looks for the code cache of `bootstrap` on this Node.js. */
export function codeCacheFile(bootstrap: string, version: string = process.version, arch: string = process.arch): string {
  return `${bootstrap}.${version}-${arch}.cache`;
}

/** Source length (4 bytes, big-endian), the source, then V8's data. */
export function packCodeCache(source: Buffer, v8Data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(source.length, 0);
  return Buffer.concat([header, source, v8Data]);
}

/** V8's data, or undefined when the file was made from another source (or is damaged). */
export function v8DataFor(file: Buffer, source: Buffer): Buffer | undefined {
  if (file.length < HEADER_BYTES) return undefined;
  const length = file.readUInt32BE(0);
  const end = HEADER_BYTES + length;
  if (length !== source.length || end >= file.length) return undefined;
  if (!file.subarray(HEADER_BYTES, end).equals(source)) return undefined;
  return file.subarray(end);
}
