/** An init cache was declared with an option it cannot use. */
export class InvalidCacheOptionError extends TypeError {
  /** The stable name to match on: `error.name === 'InvalidCacheOptionError'`. */
  override readonly name = 'InvalidCacheOptionError';
}

/** A key that was never declared was read. */
export class UnknownCacheKeyError extends RangeError {
  /** The stable name to match on: `error.name === 'UnknownCacheKeyError'`. */
  override readonly name = 'UnknownCacheKeyError';
}

/**
 * One or more keys could not be loaded (after retries) and had no usable stale value.
 * The message names the keys and the error types only: a loader's own message may carry
 * data it was handling, so the original errors are kept in `errors` and `cause`.
 */
export class InitCacheLoadError extends Error {
  /** The stable name to match on: `error.name === 'InitCacheLoadError'`. */
  override readonly name = 'InitCacheLoadError';
  /** The keys that failed. */
  readonly keys: string[];
  /** The last error of each failed key (may carry a loader's data: do not log it as is). */
  readonly errors: Record<string, unknown>;

  constructor(cacheName: string, failures: Record<string, unknown>) {
    const keys = Object.keys(failures);
    const described = keys.map((key) => `"${key}" (${errorKind(failures[key])})`).join(', ');
    super(
      `Init cache "${cacheName}" could not load ${described}. The failure is not cached: ` +
        'the next read tries again. Check the loader, its permissions and the service it calls.',
      { cause: failures[keys[0]!] },
    );
    this.keys = keys;
    this.errors = failures;
  }
}

function errorKind(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error;
}
