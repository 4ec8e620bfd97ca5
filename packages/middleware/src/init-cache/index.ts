export { initCache, initCaches } from './init-cache.js';
export type { InitCache, CacheValues } from './init-cache.js';
export { initCacheMiddleware } from './middleware.js';
export type { InitCacheMiddlewareOptions } from './middleware.js';
export { isSignedBeforeFreezeError } from './signed-before-freeze.js';
export { InitCacheLoadError, InvalidCacheOptionError, UnknownCacheKeyError } from './errors.js';
export {
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
} from './options.js';
export type {
  EntryDefinition,
  EntryOptions,
  InitCacheOptions,
  LoadAt,
  RefreshMode,
  RetryOptions as CacheRetryOptions,
} from './options.js';
export type { CacheStats, EntryStats } from './stats.js';
