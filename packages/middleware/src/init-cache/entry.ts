import { backoffDelay, loadWithRetry } from './load-with-retry.js';
import type { ResolvedEntryOptions } from './options.js';
import { emptyEntryStats, type EntryStats } from './stats.js';

const ignore = (): void => undefined;

/**
 * One key of an init cache. Every decision is made when the key is read, with the wall
 * clock: there is no timer that could be frozen between invocations.
 */
export class CacheEntry<T> {
  readonly stats: EntryStats = emptyEntryStats();
  private value: T | undefined = undefined;
  private hasValue = false;
  private loadedAt = 0;
  /** The one load in flight (single-flight: every reader shares it). */
  private inflight: Promise<T> | undefined = undefined;
  /** Bumped by invalidate(): a load started before it must not store its value. */
  private generation = 0;
  private failuresInARow = 0;
  private nextAttemptAt = 0;
  private used = false;

  constructor(
    readonly key: string,
    private readonly options: ResolvedEntryOptions<T>,
    private readonly now: () => number,
    /** True when init may have run long before the first invocation (provisioned concurrency). */
    private readonly strictFirstUse: boolean,
  ) {
    if (options.loadAt === 'init') this.startLoad(false);
  }

  /** The load in flight, if any, for settle(). */
  get pending(): Promise<T> | undefined {
    return this.inflight;
  }

  /** Returns the value synchronously when it is fresh (the common, warm case). */
  read(): T | Promise<T> {
    const now = this.now();
    const firstUse = !this.used;
    this.used = true;
    if (!this.hasValue) {
      this.stats.misses++;
      return this.startLoad(this.stats.loads > 0);
    }
    const expiresAt = this.loadedAt + this.options.ttlMs;
    if (now < expiresAt) {
      this.stats.hits++;
      return this.value as T;
    }
    // Expired. Stale-while-refresh serves the old value, unless the last refresh failed
    // (then stale-if-error rules) or this is the first read after a provisioned-concurrency
    // init, where "stale" may mean hours old.
    const background =
      this.options.refresh === 'stale-while-refresh' && this.failuresInARow === 0 && !(firstUse && this.strictFirstUse);
    if (background) {
      this.stats.hits++;
      this.stats.staleHits++;
      this.startLoad(true);
      return this.value as T;
    }
    if (this.failuresInARow > 0 && now < this.nextAttemptAt && this.staleAllowed(now, expiresAt)) {
      // Backing off after a failed refresh: serve the stale value without calling again.
      this.stats.hits++;
      this.stats.staleHits++;
      return this.value as T;
    }
    this.stats.misses++;
    const stale = this.value as T;
    return this.startLoad(true).catch((error: unknown) => {
      if (!this.staleAllowed(this.now(), expiresAt)) throw error;
      this.stats.staleHits++;
      return stale;
    });
  }

  /** Forgets the value: the next read loads it again and waits for it. */
  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.hasValue = false;
    this.inflight = undefined;
    this.failuresInARow = 0;
  }

  private staleAllowed(now: number, expiresAt: number): boolean {
    return this.hasValue && this.options.staleIfErrorMs > 0 && now - expiresAt <= this.options.staleIfErrorMs;
  }

  private startLoad(isRefresh: boolean): Promise<T> {
    if (this.inflight !== undefined) return this.inflight;
    if (isRefresh) this.stats.refreshes++;
    const generation = this.generation;
    const started = performance.now();
    const load: Promise<T> = loadWithRetry(this.options, () => this.stats.signatureRetries++).then(
      (value) => {
        const elapsed = performance.now() - started;
        this.stats.loads++;
        this.stats.lastLoadMs = elapsed;
        this.stats.totalLoadMs += elapsed;
        if (this.inflight === load) this.inflight = undefined;
        if (generation === this.generation) {
          this.value = value;
          this.hasValue = true;
          this.loadedAt = this.now();
          this.failuresInARow = 0;
        }
        return value;
      },
      (error: unknown) => {
        this.stats.failures++;
        if (this.inflight === load) this.inflight = undefined;
        if (generation === this.generation) {
          // Failures are never stored as the value; they only space out the next try.
          this.failuresInARow++;
          this.nextAttemptAt = this.now() + backoffDelay(this.failuresInARow, this.options.retry);
        }
        throw error;
      },
    );
    // Loads started at init are awaited later; until then a rejection must not be "unhandled".
    load.catch(ignore);
    this.inflight = load;
    return load;
  }
}
