import { createHash } from 'node:crypto';
import { chmodSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerTag } from './owner.js';
import { TEMP_PREFIX, randomSuffix } from './names.js';
import { TmpCacheFillError } from './errors.js';

const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

/**
 * Atomic publish: every entry is written to a unique temp name in entries/ (same directory,
 * same filesystem) and renamed into place, so a reader sees the whole entry or nothing.
 * Temp names carry their owner (pid + start time) so the next init removes those of a
 * process that was killed mid-write.
 */
export interface WriteSpec {
  dir: string;
  executable: boolean;
  durable: boolean;
  sha256: boolean;
}

export interface WrittenTemp {
  path: string;
  size: number;
  sha256: string | undefined;
}

export function tempPath(dir: string): string {
  return join(dir, `${TEMP_PREFIX}${ownerTag()}.${randomSuffix()}`);
}

export function fileMode(executable: boolean): number {
  return executable ? 0o700 : 0o600;
}

export function isNoSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created, or already gone.
  }
}

export function writeTempSync(spec: WriteSpec, data: Uint8Array): WrittenTemp {
  const path = tempPath(spec.dir);
  const fd = openSync(path, CREATE_EXCLUSIVE, fileMode(spec.executable));
  try {
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    if (spec.durable) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(path);
    throw error;
  }
  closeSync(fd);
  return { path, size: data.length, sha256: spec.sha256 ? createHash('sha256').update(data).digest('hex') : undefined };
}

/** Streams a source to a temp file; `onChunk` may throw to abort (e.g. over budget). */
export async function writeTempFromStream(
  spec: WriteSpec,
  source: AsyncIterable<Uint8Array | string>,
  onChunk: (bytesSoFar: number) => void,
): Promise<WrittenTemp> {
  const path = tempPath(spec.dir);
  const handle = await openAsync(path, CREATE_EXCLUSIVE, fileMode(spec.executable));
  const hash = spec.sha256 ? createHash('sha256') : undefined;
  let size = 0;
  try {
    for await (const piece of source) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      if (!(chunk instanceof Uint8Array)) {
        throw new TmpCacheFillError(`A stream fill yielded a ${typeof chunk}; yield Buffers, Uint8Arrays or strings.`);
      }
      size += chunk.length;
      onChunk(size);
      hash?.update(chunk);
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    }
    if (spec.durable) await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    removeQuietly(path);
    throw error;
  }
  return { path, size, sha256: hash?.digest('hex') };
}

/**
 * Lets the caller (or a native tool it runs) write the temp file itself. Afterwards the
 * result must be a regular file: a symlink or directory at the temp path is refused.
 */
export async function writeTempByPath(spec: WriteSpec, fill: (path: string) => unknown): Promise<WrittenTemp> {
  const path = tempPath(spec.dir);
  try {
    await fill(path);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats) throw new TmpCacheFillError(`The fill callback finished without creating the file at the path it was given.`);
    if (!stats.isFile()) {
      throw new TmpCacheFillError(`The fill callback left a ${stats.isSymbolicLink() ? 'symlink' : 'non-file'} at the path; write a regular file there.`);
    }
    chmodSync(path, fileMode(spec.executable));
    const sha256 = spec.sha256 ? await hashFile(path) : undefined;
    if (spec.durable) {
      const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      try { fsyncSync(fd); } finally { closeSync(fd); }
    }
    return { path, size: stats.size, sha256 };
  } catch (error) {
    removeTree(path);
    throw error;
  }
}

function removeTree(path: string): void {
  // The fill may have left a file, a symlink or even a directory: leave nothing behind.
  rmSync(path, { recursive: true, force: true });
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await openAsync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false })) hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** The commit point: the entry appears under its final name, complete. */
export function publishTemp(temp: string, finalPath: string, dir: string, durable: boolean): void {
  renameSync(temp, finalPath);
  if (durable) {
    const fd = openSync(dir, constants.O_RDONLY);
    try { fsyncSync(fd); } finally { closeSync(fd); }
  }
}
