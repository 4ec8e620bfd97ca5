import { InvalidCacheOptionError } from './errors.js';

/** How an expired value is replaced. */
export type RefreshMode =
  /** The reading invocation waits for the new value. */
  | 'blocking'
  /** The reading invocation gets the expired value at once while the refresh runs; the
   *  refresh is settled before that invocation's response is sent. */
  | 'stale-while-refresh';

/** When a key is first loaded. */
export type LoadAt =
  /** At declaration, that is during the init phase (module load). */
  | 'init'
  /** At the first read. */
  | 'first-use';

/** How a failing load is tried again (exported as `CacheRetryOptions`). */
export interface RetryOptions {
  /** Tries per load, the first one included. */
  attempts?: number;
  /** Delay before the second try; doubled for each further try. */
  baseDelayMs?: number;
  /** Upper bound of one delay. */
  maxDelayMs?: number;
  /** Which errors deserve another try; by default all do. */
  isRetryable?: (error: unknown) => boolean;
}

/** One key of an init cache: its loader and how its value is kept. */
export interface EntryOptions<T> {
  /** Produces the value; should have its own timeout, since `settle()` waits for loads in flight. */
  load: () => T | Promise<T>;
  /** How long a loaded value stays fresh; 'never' keeps it for the environment's life. */
  ttlMs?: number | 'never';
  /** How an expired value is replaced; default `blocking`. */
  refresh?: RefreshMode;
  /** How long past its expiry a value may still be served when refreshing it fails. */
  staleIfErrorMs?: number;
  /** When the key is first loaded; default `init`. */
  loadAt?: LoadAt;
  /** Retries of one load; default 3 attempts, 100 ms doubling up to 2 s, every error retried. */
  retry?: RetryOptions;
}

/** A definition is either the loader alone or the loader with its options. */
export type EntryDefinition<T> = (() => T | Promise<T>) | EntryOptions<T>;

/** Options of `initCache()`. */
export interface InitCacheOptions {
  /** Shown in errors and stats; tells several caches apart. */
  name?: string;
  /** Defaults for every key; a key's own options win. */
  defaults?: Omit<EntryOptions<unknown>, 'load'>;
  /** The wall clock in ms; replaceable for tests. */
  now?: () => number;
  /** Overrides AWS_LAMBDA_INITIALIZATION_TYPE (tests, non-Lambda hosts). */
  initializationType?: string;
}

/** Tries per load when `retry.attempts` is not given. */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** First retry delay when `retry.baseDelayMs` is not given. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 100;
/** Longest retry delay when `retry.maxDelayMs` is not given. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 2_000;

export interface ResolvedEntryOptions<T> {
  load: () => T | Promise<T>;
  ttlMs: number;
  refresh: RefreshMode;
  staleIfErrorMs: number;
  loadAt: LoadAt;
  retry: Required<RetryOptions>;
}

const retryAll = (): boolean => true;

export function resolveEntryOptions<T>(
  cacheName: string,
  key: string,
  definition: EntryDefinition<T>,
  defaults: Omit<EntryOptions<unknown>, 'load'> | undefined,
): ResolvedEntryOptions<T> {
  const own: EntryOptions<T> = typeof definition === 'function' ? { load: definition } : definition;
  const where = `init cache "${cacheName}", key "${key}"`;
  if (typeof own?.load !== 'function') {
    throw new InvalidCacheOptionError(`${where}: give a load function (or the function itself as the definition).`);
  }
  const merged = { ...defaults, ...own, retry: { ...defaults?.retry, ...own.retry } };
  const ttl = merged.ttlMs ?? 'never';
  if (ttl !== 'never') requireMillis(where, 'ttlMs', ttl, "or 'never'");
  const staleIfErrorMs = merged.staleIfErrorMs ?? 0;
  requireMillis(where, 'staleIfErrorMs', staleIfErrorMs);
  const refresh = merged.refresh ?? 'blocking';
  if (refresh !== 'blocking' && refresh !== 'stale-while-refresh') {
    throw new InvalidCacheOptionError(`${where}: refresh must be 'blocking' or 'stale-while-refresh', got ${String(refresh)}.`);
  }
  const loadAt = merged.loadAt ?? 'init';
  if (loadAt !== 'init' && loadAt !== 'first-use') {
    throw new InvalidCacheOptionError(`${where}: loadAt must be 'init' or 'first-use', got ${String(loadAt)}.`);
  }
  const attempts = merged.retry.attempts ?? DEFAULT_RETRY_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new InvalidCacheOptionError(`${where}: retry.attempts must be a whole number >= 1, got ${String(attempts)}.`);
  }
  const baseDelayMs = merged.retry.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const maxDelayMs = merged.retry.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  requireMillis(where, 'retry.baseDelayMs', baseDelayMs);
  requireMillis(where, 'retry.maxDelayMs', maxDelayMs);
  return {
    load: own.load,
    ttlMs: ttl === 'never' ? Number.POSITIVE_INFINITY : ttl,
    refresh,
    staleIfErrorMs,
    loadAt,
    retry: { attempts, baseDelayMs, maxDelayMs, isRetryable: merged.retry.isRetryable ?? retryAll },
  };
}

function requireMillis(where: string, option: string, value: unknown, alternative = ''): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidCacheOptionError(
      `${where}: ${option} must be a number of milliseconds >= 0${alternative ? ` ${alternative}` : ''}, got ${String(value)}.`,
    );
  }
}
