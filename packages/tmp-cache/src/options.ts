import { isAbsolute } from 'node:path';
import { TmpCacheOptionsError } from './errors.js';

/** Options of `openCache`; every one has a default. */
export interface TmpCacheOptions {
  /** Parent directory of the cache. Default `/tmp`. Tests use their own. */
  root?: string;
  /** Name of the cache's own directory under `root` (created 0700). Default `thaw-cache`. */
  name?: string;
  /** Upper bound for the bytes the cache keeps. Default: no bound other than `reserveBytes`. */
  maxBytes?: number;
  /** Free space to leave on the filesystem (statfs). Default: 10% of its size, at most 64 MiB. */
  reserveBytes?: number;
  /** Expiry for entries set without `ttlMs`. Default: never. */
  defaultTtlMs?: number;
  /** Record a sha256 of every entry (computed while writing). Default false. */
  sha256?: boolean;
  /** fsync each entry and its directory when publishing. Default false (/tmp dies with the environment). */
  durable?: boolean;
  /** A fill lock whose heartbeat is older than this is taken over even if its owner lives. Default 15 min. */
  lockStaleMs?: number;
  /** How long getOrSet waits for another filler. Default: the invocation's remaining time, else 60 s. */
  lockWaitMs?: number;
  /** Time spent on maintenance at the end of an invocation, at most. Default 5 ms. */
  maintenanceBudgetMs?: number;
}

export interface ResolvedOptions {
  root: string;
  name: string;
  maxBytes: number;
  reserveBytes: number | undefined;
  defaultTtlMs: number | undefined;
  sha256: boolean;
  durable: boolean;
  lockStaleMs: number;
  lockWaitMs: number | undefined;
  maintenanceBudgetMs: number;
}

/** Per-write options. */
export interface SetOptions {
  /** Expire after this many ms (wall clock, checked on access and at invocation boundaries). */
  ttlMs?: number;
  /** Never evicted to make room (init artifacts); only delete() or expiry removes it. */
  pin?: boolean;
  /** Publish the file with mode 0700 so it can be executed (binaries). */
  executable?: boolean;
  /** Record a sha256 for this entry, overriding the cache option. */
  sha256?: boolean;
  /** fsync this entry, overriding the cache option. */
  durable?: boolean;
}

export interface FillOptions extends SetOptions {
  /** Bytes the fill will produce: room is made up front, and a different size fails the fill. */
  expectedSize?: number;
  /** Hex sha256 the content must have; a mismatch fails the fill and nothing is cached. */
  expectedSha256?: string;
}

/** Options of the read methods. */
export interface GetOptions {
  /** Check the recorded sha256 on this read even if this process verified it before. */
  verify?: boolean;
}

const NAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

function nonNegative(name: string, value: unknown, allowInfinity = false): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowInfinity && !Number.isFinite(value))) {
    throw new TmpCacheOptionsError(`${name} must be a non-negative number, got ${String(value)}.`);
  }
  return value;
}

export function resolveOptions(options: TmpCacheOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TmpCacheOptionsError('openCache options must be an object, e.g. openCache({ maxBytes: 256 * 1024 * 1024 }).');
  }
  const root = options.root ?? '/tmp';
  if (typeof root !== 'string' || !isAbsolute(root)) {
    throw new TmpCacheOptionsError(`root must be an absolute directory path, got ${JSON.stringify(root)}.`);
  }
  const name = options.name ?? 'thaw-cache';
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TmpCacheOptionsError(
      `name must be 1-64 characters of letters, digits, ".", "_" or "-" (not starting with "."), got ${JSON.stringify(name)}.`,
    );
  }
  return {
    root,
    name,
    maxBytes: nonNegative('maxBytes', options.maxBytes, true) ?? Number.POSITIVE_INFINITY,
    reserveBytes: nonNegative('reserveBytes', options.reserveBytes),
    defaultTtlMs: nonNegative('defaultTtlMs', options.defaultTtlMs),
    sha256: options.sha256 === true,
    durable: options.durable === true,
    lockStaleMs: nonNegative('lockStaleMs', options.lockStaleMs) ?? 15 * 60_000,
    lockWaitMs: nonNegative('lockWaitMs', options.lockWaitMs),
    maintenanceBudgetMs: nonNegative('maintenanceBudgetMs', options.maintenanceBudgetMs) ?? 5,
  };
}

export function checkSetOptions(options: SetOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TmpCacheOptionsError('set options must be an object such as { ttlMs: 60_000 }.');
  }
  nonNegative('ttlMs', options.ttlMs);
}

export function checkFillOptions(options: FillOptions | undefined): void {
  checkSetOptions(options);
  if (options === undefined) return;
  nonNegative('expectedSize', options.expectedSize);
  if (options.expectedSha256 !== undefined && !/^[0-9a-f]{64}$/i.test(options.expectedSha256)) {
    throw new TmpCacheOptionsError('expectedSha256 must be 64 hex characters.');
  }
}
