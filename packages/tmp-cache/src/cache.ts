import { describeEntry, type EntryInfo } from './entry-info.js';
import { TmpCacheFillError, TmpCacheKeyError, TmpCacheOptionsError } from './errors.js';
import { getVerifiedFile, leaseEntry, leaseIfPresent, type FileEntry } from './file-entries.js';
import type { LambdaContextLike } from './invocation-scope.js';
import { invocationView, type BeginOptions, type Invocation } from './invocation-view.js';
import { beginInvocation } from './invocations.js';
import type { StartInfo } from './lifecycle.js';
import { tmpCacheMiddleware, type TmpCacheMiddleware } from './middleware.js';
import { GLOBAL_NAMESPACE, entryId, namespaceTag } from './names.js';
import { checkFillOptions, checkSetOptions, type FillOptions, type GetOptions, type SetOptions } from './options.js';
import { probeEntry, readEntry } from './read.js';
import { retireEntry } from './scan.js';
import { singleFlight } from './single-flight.js';
import type { CacheState } from './state.js';
import { collectMetrics, collectStats, type CacheStats, type MetricDatum } from './stats.js';
import { decodeValue, encodeValue, type CacheValue } from './values.js';
import { setBuffer, setByPath, setFromStream, type StreamSource } from './write.js';

type FileFill = (tempPath: string) => unknown;
type StreamFactory = () => StreamSource | Promise<StreamSource>;

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TmpCacheKeyError(`Cache keys must be non-empty strings, got ${key === '' ? 'an empty string' : typeof key}.`);
  }
}

/** A cache on /tmp that knows the execution environment's lifecycle; get one from `openCache`. */
export class TmpCache {
  private readonly idCache = new Map<string, string>();
  private readonly byContext: WeakMap<object, Invocation>;

  /** @internal use openCache() */
  constructor(
    private readonly state: CacheState,
    private readonly nsTag: string = GLOBAL_NAMESPACE,
    byContext?: WeakMap<object, Invocation>,
  ) {
    this.byContext = byContext ?? new WeakMap();
  }

  /** How this runtime instance started (new environment, warm reuse, re-init after a crash, ...). */
  get start(): StartInfo {
    return this.state.start;
  }

  /** The cache's own directory. */
  get dir(): string {
    return this.state.layout.base;
  }

  /** A view of the same cache whose keys live in the tenant's own namespace. */
  forTenant(tenantId: string): TmpCache {
    if (typeof tenantId !== 'string' || tenantId === '') throw new TmpCacheKeyError('forTenant needs a non-empty tenant id.');
    return new TmpCache(this.state, namespaceTag(tenantId), this.byContext);
  }

  private id(key: string): string {
    let id = this.idCache.get(key);
    if (id === undefined) {
      checkKey(key);
      if (this.idCache.size >= 10_000) this.idCache.clear();
      id = entryId(this.nsTag, key);
      this.idCache.set(key, id);
    }
    return id;
  }

  private decoded<T>(key: string, verify: boolean, count = true): T | undefined {
    const found = readEntry(this.state, this.id(key), verify, count);
    if (!found) return undefined;
    const decoded = decodeValue(found.entry.kind, found.data);
    if (!decoded) {
      this.state.counters.integrityFailures++;
      retireEntry(this.state, found.entry, { force: true });
      return undefined;
    }
    return decoded.value as T;
  }

  /** The value as it was set (Buffer, string or parsed JSON), or undefined on a miss. */
  getSync<T = unknown>(key: string, options?: GetOptions): T | undefined {
    return this.decoded<T>(key, options?.verify === true);
  }

  /** The value as it was set (Buffer, string or parsed JSON), or undefined on a miss. */
  async get<T = unknown>(key: string, options?: GetOptions): Promise<T | undefined> {
    return this.getSync<T>(key, options);
  }

  /** Facts about an entry (path, size, origin, ...) without reading it; undefined on a miss. */
  inspect(key: string): EntryInfo | undefined {
    const entry = probeEntry(this.state, this.id(key));
    return entry && describeEntry(this.state, key, entry);
  }

  /** True when the entry is present, complete and not expired; reads nothing. */
  hasSync(key: string): boolean {
    return probeEntry(this.state, this.id(key)) !== undefined;
  }

  /** True when the entry is present, complete and not expired; reads nothing. */
  async has(key: string): Promise<boolean> {
    return this.hasSync(key);
  }

  /** Stores a Buffer, string or JSON value atomically (readers never see half an entry), replacing any earlier one. */
  setSync(key: string, value: CacheValue, options?: SetOptions): EntryInfo {
    checkSetOptions(options);
    const { kind, data } = encodeValue(value);
    return describeEntry(this.state, key, setBuffer(this.state, this.id(key), kind, data, options));
  }

  /** Stores a Buffer, string or JSON value atomically (readers never see half an entry), replacing any earlier one. */
  async set(key: string, value: CacheValue, options?: SetOptions): Promise<EntryInfo> {
    return this.setSync(key, value, options);
  }

  /** Removes an entry; true when there was one. A leased file stays until released. */
  deleteSync(key: string): boolean {
    const entry = probeEntry(this.state, this.id(key));
    if (!entry) return false;
    retireEntry(this.state, entry);
    this.state.counters.deletes++;
    return true;
  }

  /** Removes an entry; true when there was one. A leased file stays until released. */
  async delete(key: string): Promise<boolean> {
    return this.deleteSync(key);
  }

  /**
   * The cached value, or the loader's result, stored and returned. One loader runs per key
   * at a time across this process, its worker threads and other processes on this /tmp.
   */
  async getOrSet<T extends CacheValue>(key: string, loader: () => T | Promise<T>, options?: SetOptions): Promise<T> {
    checkSetOptions(options);
    if (typeof loader !== 'function') throw new TmpCacheOptionsError('getOrSet needs a loader function as its second argument.');
    const id = this.id(key);
    let counted = false;
    return singleFlight(this.state, id, () => {
      const value = this.decoded<T>(key, false, !counted);
      counted = true;
      return value;
    }, async () => {
      const value = await loader();
      if (value === undefined) throw new TmpCacheFillError('The getOrSet loader returned undefined; return the value to cache (null is allowed).');
      const { kind, data } = encodeValue(value);
      setBuffer(this.state, id, kind, data, options);
      return value;
    });
  }

  /**
   * A cached file by path, leased until release() or the end of the invocation. With
   * `verify`, the recorded sha256 is checked by reading the file (a mismatch is a miss).
   */
  async getFile(key: string, options?: GetOptions): Promise<FileEntry | undefined> {
    return getVerifiedFile(this.state, key, this.id(key), options?.verify === true);
  }

  /** Publishes a file written by `fill(tempPath)` (e.g. a download or a native tool). */
  async setFile(key: string, fill: FileFill, options?: FillOptions): Promise<FileEntry> {
    checkFillOptions(options);
    if (typeof fill !== 'function') throw new TmpCacheOptionsError('setFile needs a fill function (tempPath) => Promise<void>.');
    return leaseEntry(this.state, key, await setByPath(this.state, this.id(key), fill, options));
  }

  /** Streams `source()` into an entry without holding it in memory. */
  async setStream(key: string, source: StreamFactory, options?: FillOptions): Promise<FileEntry> {
    checkFillOptions(options);
    if (typeof source !== 'function') throw new TmpCacheOptionsError('setStream needs a function returning an async iterable or readable stream.');
    return leaseEntry(this.state, key, await setFromStream(this.state, this.id(key), source, options));
  }

  /** The leased file of `key`, filled by `fill(tempPath)` first when missing; one fill per key across invocations, threads and processes. */
  async getOrSetFile(key: string, fill: FileFill, options?: FillOptions): Promise<FileEntry> {
    checkFillOptions(options);
    if (typeof fill !== 'function') throw new TmpCacheOptionsError('getOrSetFile needs a fill function (tempPath) => Promise<void>.');
    const id = this.id(key);
    return singleFlight(this.state, id, () => leaseIfPresent(this.state, key, id), async (lock) => {
      lock.heartbeat();
      return leaseEntry(this.state, key, await setByPath(this.state, id, fill, options));
    });
  }

  /** The leased file of `key`, streamed from `source()` first when missing; one fill per key across invocations, threads and processes. */
  async getOrSetStream(key: string, source: StreamFactory, options?: FillOptions): Promise<FileEntry> {
    checkFillOptions(options);
    if (typeof source !== 'function') throw new TmpCacheOptionsError('getOrSetStream needs a function returning an async iterable or readable stream.');
    const id = this.id(key);
    return singleFlight(this.state, id, () => leaseIfPresent(this.state, key, id), async (lock) =>
      leaseEntry(this.state, key, await setFromStream(this.state, id, source, options, () => lock.heartbeat())));
  }

  /** Removes every entry of this namespace (e.g. a tenant's data); leased files stay until released. */
  clear(): number {
    let removed = 0;
    for (const entry of [...this.state.index.values()]) {
      if (entry.id.startsWith(this.nsTag)) {
        retireEntry(this.state, entry);
        removed++;
      }
    }
    return removed;
  }

  /** Starts an invocation: pair with end(), or use invocation(context, fn). */
  begin(context?: LambdaContextLike, options: BeginOptions = {}): Invocation {
    const scope = beginInvocation(this.state, context);
    const cache = options.perTenant && scope.tenantId ? this.forTenant(scope.tenantId) : this;
    const invocation = invocationView(this.state, scope, cache);
    if (context && typeof context === 'object') this.byContext.set(context, invocation);
    return invocation;
  }

  /** Runs fn as one invocation; scratch, leases and the marker are cleaned up however it ends. */
  async invocation<R>(context: LambdaContextLike | undefined, fn: (invocation: Invocation) => R | Promise<R>, options?: BeginOptions): Promise<R> {
    const invocation = this.begin(context, options);
    const scope = this.state.lastBegun!;
    try {
      return await this.state.scope.run(scope, () => fn(invocation));
    } finally {
      invocation.end();
    }
  }

  /** The invocation begun with this context (by begin() or the middleware). */
  invocationFor(context: LambdaContextLike): Invocation | undefined {
    return context && typeof context === 'object' ? this.byContext.get(context) : undefined;
  }

  /** A Middy-shaped middleware that begins and ends an invocation around each handler call. */
  middleware(options?: BeginOptions): TmpCacheMiddleware {
    return tmpCacheMiddleware(this, options);
  }

  /** Counters since the cache was opened, and gauges of its size. */
  stats(): CacheStats {
    return collectStats(this.state);
  }

  /** Counters since the previous metrics() call, plus gauges: feed them to a metrics logger. */
  metrics(): MetricDatum[] {
    return collectMetrics(this.state);
  }
}
