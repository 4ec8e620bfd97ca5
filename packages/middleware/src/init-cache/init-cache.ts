import { CacheEntry } from './entry.js';
import { InitCacheLoadError, InvalidCacheOptionError, UnknownCacheKeyError } from './errors.js';
import { currentInitializationType, initMayPrecedeFirstUse } from './initialization-type.js';
import { resolveEntryOptions, type EntryDefinition, type InitCacheOptions } from './options.js';
import { sumStats, type CacheStats } from './stats.js';

/** The value type of each key, read from the definitions. */
export type CacheValues<D> = {
  [K in keyof D]: D[K] extends EntryDefinition<infer T> ? Awaited<T> : never;
};

/** Values loaded once per environment (during init by default) and kept fresh by the wall clock; from `initCache()`. */
export interface InitCache<V extends Record<string, unknown>> {
  /** The cache's name (the `name` option), shown in errors and stats. */
  readonly name: string;
  /** The value of one key: at once when fresh, otherwise after its load. */
  get<K extends keyof V & string>(key: K): Promise<V[K]>;
  /**
   * Every key, loaded in parallel. If some fail, the error names them all; the keys that
   * loaded stay cached, and the next call loads only the failed ones again.
   */
  getAll(): Promise<V>;
  /** Like getAll, but synchronous when every key is fresh (used by the middleware). */
  readAll(): V | Promise<V>;
  /** Forgets one key (or all): the next read loads again and waits for it. */
  invalidate(key?: keyof V & string): void;
  /**
   * Waits for every load in flight (background refreshes included) and never rejects.
   * Call it before your handler returns when you use stale-while-refresh without the
   * middleware, so no request is frozen half-way between invocations.
   */
  settle(): Promise<void>;
  /** True when some load is still in flight. */
  readonly busy: boolean;
  /** Hit, miss, refresh and load counters per key and in total. */
  stats(): CacheStats;
}

const registry = new Set<InitCache<Record<string, unknown>>>();

/** Every init cache declared in this process, for the metrics middleware. */
export function initCaches(): ReadonlySet<InitCache<Record<string, unknown>>> {
  return registry;
}

let unnamed = 0;

/**
 * Declares values loaded during the init phase and reused across warm invocations.
 * Call it at module scope: loads start at once (while init runs) and the first invocation
 * awaits them.
 *
 * @example
 *   const config = initCache({
 *     flags: () => fetchFlags(),
 *     secret: { load: () => fetchSecret(), ttlMs: 5 * 60_000, refresh: 'stale-while-refresh' },
 *   });
 *   export const handler = async () => { const { flags, secret } = await config.getAll(); ... };
 */
export function initCache<D extends Record<string, EntryDefinition<unknown>>>(
  definitions: D,
  options: InitCacheOptions = {},
): InitCache<CacheValues<D>> {
  type V = CacheValues<D>;
  const name = options.name ?? (unnamed++ === 0 ? 'init-cache' : `init-cache-${unnamed}`);
  if (typeof definitions !== 'object' || definitions === null || Object.keys(definitions).length === 0) {
    throw new InvalidCacheOptionError(`Init cache "${name}" needs at least one key: initCache({ key: () => load() }).`);
  }
  const now = options.now ?? Date.now;
  const initializationType = options.initializationType ?? currentInitializationType();
  const strictFirstUse = initMayPrecedeFirstUse(initializationType);
  const keys = Object.keys(definitions) as (keyof V & string)[];
  const entries = new Map<string, CacheEntry<unknown>>();
  for (const key of keys) {
    const resolved = resolveEntryOptions(name, key, definitions[key]!, options.defaults);
    entries.set(key, new CacheEntry(key, resolved, now, strictFirstUse));
  }

  const entryFor = (key: string): CacheEntry<unknown> => {
    const entry = entries.get(key);
    if (entry === undefined) {
      throw new UnknownCacheKeyError(
        `Init cache "${name}" has no key "${key}"; declared keys: ${keys.join(', ')}.`,
      );
    }
    return entry;
  };

  const readAll = (): V | Promise<V> => {
    const values = {} as Record<string, unknown>;
    let waitingKeys: string[] | undefined;
    let waiting: Promise<unknown>[] | undefined;
    for (const key of keys) {
      const value = entries.get(key)!.read();
      if (value instanceof Promise) {
        (waitingKeys ??= []).push(key);
        (waiting ??= []).push(value);
      } else {
        values[key] = value;
      }
    }
    if (waiting === undefined) return values as V;
    const waited = waitingKeys!;
    return Promise.allSettled(waiting).then((results) => {
      let failures: Record<string, unknown> | undefined;
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') values[waited[i]!] = result.value;
        else (failures ??= {})[waited[i]!] = result.reason;
      });
      if (failures !== undefined) throw new InitCacheLoadError(name, failures);
      return values as V;
    });
  };

  const cache: InitCache<V> = {
    name,
    get(key) {
      try {
        const value = entryFor(key).read();
        return value instanceof Promise
          ? (value.catch((error: unknown) => {
              throw new InitCacheLoadError(name, { [key]: error });
            }) as Promise<V[typeof key]>)
          : Promise.resolve(value as V[typeof key]);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    getAll: () => Promise.resolve().then(readAll),
    readAll,
    invalidate(key) {
      if (key === undefined) for (const entry of entries.values()) entry.invalidate();
      else entryFor(key).invalidate();
    },
    async settle() {
      for (;;) {
        const pending = [...entries.values()].map((entry) => entry.pending).filter((p) => p !== undefined);
        if (pending.length === 0) return;
        await Promise.allSettled(pending);
      }
    },
    get busy() {
      for (const entry of entries.values()) if (entry.pending !== undefined) return true;
      return false;
    },
    stats() {
      const perKey = Object.fromEntries([...entries].map(([key, entry]) => [key, { ...entry.stats }]));
      return { name, initializationType, keys: perKey, totals: sumStats(Object.values(perKey)) };
    },
  };
  registry.add(cache as unknown as InitCache<Record<string, unknown>>);
  return cache;
}
