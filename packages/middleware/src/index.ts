// The engine: lambda(handler).use(middleware), Middy-shaped middlewares, deadline, cleanups.
export * from './engine/index.js';
// The init-phase cache: initCache({...}) and initCacheMiddleware(cache).
export * from './init-cache/index.js';
// Environment configuration, KMS-encrypted variables, log redaction (issue 6).
export * from './env/index.js';
export * from './kms/index.js';
export * from './redaction/index.js';

// --- Further features append their exports below, one `export * from './<feature>/index.js';`
// --- line each (logging/metrics: next wave).
// Structured logging and metrics on Powertools (issue 7).
export * from './logging/index.js';
export * from './metrics/index.js';
