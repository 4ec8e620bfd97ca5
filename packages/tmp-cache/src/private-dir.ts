import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { TmpCacheSymlinkError, TmpCacheUnsafeDirectoryError } from './errors.js';

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

/**
 * Makes sure `path` is a real directory owned by us with mode 0700. Symlinks are refused,
 * never followed: /tmp is shared with extensions and other code, and a planted link could
 * redirect cache writes anywhere.
 */
export function ensurePrivateDir(path: string): void {
  let stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    stats = lstatSync(path);
  }
  if (stats.isSymbolicLink()) {
    throw new TmpCacheSymlinkError(
      `${path} is a symlink; tmp-cache refuses to follow it. Remove the link or choose another root directory.`,
    );
  }
  if (!stats.isDirectory()) {
    throw new TmpCacheUnsafeDirectoryError(`${path} exists but is not a directory. Remove it or choose another root directory.`);
  }
  if (uid !== undefined && stats.uid !== uid) {
    throw new TmpCacheUnsafeDirectoryError(
      `${path} is owned by uid ${stats.uid}, not by this process (uid ${uid}); another user could read or plant entries. Choose another root directory.`,
    );
  }
  if ((stats.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
}
