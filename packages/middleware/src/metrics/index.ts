export { metrics } from './metrics-middleware.js';
export type { MetricsMiddleware } from './metrics-middleware.js';
export type { MetricsOptions, BuiltInMetricsOptions } from './options.js';
export { InvalidMetricsOptionError } from './errors.js';
export { TMP_CACHE_REGISTRY } from './built-in.js';
export type { TmpCacheMetricsSource } from './built-in.js';
export { checkEmfLine, isEmfLine, EMF_LIMITS, EMF_UNITS } from './emf-validator.js';
export type { EmfCheck } from './emf-validator.js';
