/**
 * Errors thrown by @thaw/tmp-cache. Match on `error.name` (stable across versions);
 * messages say what happened and what to do, and never contain cached values.
 */
export class TmpCacheError extends Error {
  /** The stable name to match on: `error.name === 'TmpCacheError'`. */
  override name = 'TmpCacheError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An option or argument is invalid (wrong type, out of range). */
export class TmpCacheOptionsError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheOptionsError'`. */
  override name = 'TmpCacheOptionsError';
}

/** A key is not a non-empty string. */
export class TmpCacheKeyError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheKeyError'`. */
  override name = 'TmpCacheKeyError';
}

/** The cache directory (or one of its parts) is a symlink: refused, never followed. */
export class TmpCacheSymlinkError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheSymlinkError'`. */
  override name = 'TmpCacheSymlinkError';
}

/** The cache directory is not safe to use: owned by another user or not a directory. */
export class TmpCacheUnsafeDirectoryError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheUnsafeDirectoryError'`. */
  override name = 'TmpCacheUnsafeDirectoryError';
}

/**
 * The value does not fit: the disk is full (ENOSPC after evicting and retrying once) or the
 * budget cannot be met because the rest of the cache is pinned, leased or in use.
 * No partial file is left behind.
 */
export class TmpCacheNoSpaceError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheNoSpaceError'`. */
  override name = 'TmpCacheNoSpaceError';
}

/** Waiting for another process or thread to finish filling a key took longer than allowed. */
export class TmpCacheLockTimeoutError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheLockTimeoutError'`. */
  override name = 'TmpCacheLockTimeoutError';
}

/** A fill callback did not produce what it promised (no file, wrong size, wrong digest). */
export class TmpCacheFillError extends TmpCacheError {
  /** The stable name to match on: `error.name === 'TmpCacheFillError'`. */
  override name = 'TmpCacheFillError';
}
