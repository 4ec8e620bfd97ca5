/**
 * Errors thrown by @thaw/tmp-cache. Match on `error.name` (stable across versions);
 * messages say what happened and what to do, and never contain cached values.
 */
export class TmpCacheError extends Error {
  override name = 'TmpCacheError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An option or argument is invalid (wrong type, out of range). */
export class TmpCacheOptionsError extends TmpCacheError {
  override name = 'TmpCacheOptionsError';
}

/** A key is not a non-empty string. */
export class TmpCacheKeyError extends TmpCacheError {
  override name = 'TmpCacheKeyError';
}

/** The cache directory (or one of its parts) is a symlink: refused, never followed. */
export class TmpCacheSymlinkError extends TmpCacheError {
  override name = 'TmpCacheSymlinkError';
}

/** The cache directory is not safe to use: owned by another user or not a directory. */
export class TmpCacheUnsafeDirectoryError extends TmpCacheError {
  override name = 'TmpCacheUnsafeDirectoryError';
}

/**
 * The value does not fit: the disk is full (ENOSPC after evicting and retrying once) or the
 * budget cannot be met because the rest of the cache is pinned, leased or in use.
 * No partial file is left behind.
 */
export class TmpCacheNoSpaceError extends TmpCacheError {
  override name = 'TmpCacheNoSpaceError';
}

/** Waiting for another process or thread to finish filling a key took longer than allowed. */
export class TmpCacheLockTimeoutError extends TmpCacheError {
  override name = 'TmpCacheLockTimeoutError';
}

/** A fill callback did not produce what it promised (no file, wrong size, wrong digest). */
export class TmpCacheFillError extends TmpCacheError {
  override name = 'TmpCacheFillError';
}
