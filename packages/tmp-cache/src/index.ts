import { reconcile } from './open-cache.js';
import { TmpCache } from './cache.js';
import type { TmpCacheOptions } from './options.js';
import { register } from './registry.js';

/**
 * Opens (and at first use creates) the cache under `root` (default /tmp). Call it once at
 * module load: it reconciles what earlier runtimes left and classifies the start.
 */
export function openCache(options?: TmpCacheOptions): TmpCache {
  return register(new TmpCache(reconcile(options)));
}

export { TmpCache } from './cache.js';
export { TMP_CACHE_REGISTRY } from './registry.js';
export type { EntryInfo, EntryOrigin } from './entry-info.js';
export type { FileEntry } from './file-entries.js';
export type { BeginOptions, Invocation } from './invocation-view.js';
export type { FillOptions, GetOptions, SetOptions, TmpCacheOptions } from './options.js';
export type { StartClass, StartInfo } from './lifecycle.js';
export type { CacheStats, MetricDatum } from './stats.js';
export type { LambdaContextLike } from './invocation-scope.js';
export type { MiddlewareRequest, TmpCacheMiddleware } from './middleware.js';
export { tmpCacheMiddleware } from './middleware.js';
export type { CacheValue, JsonValue } from './values.js';
export {
  TmpCacheError,
  TmpCacheFillError,
  TmpCacheKeyError,
  TmpCacheLockTimeoutError,
  TmpCacheNoSpaceError,
  TmpCacheOptionsError,
  TmpCacheSymlinkError,
  TmpCacheUnsafeDirectoryError,
} from './errors.js';
