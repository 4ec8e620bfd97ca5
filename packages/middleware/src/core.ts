// `@thaw/middleware/core`: everything but logging and metrics, so a function that does not
// use them does not load Powertools (about 40 KB of code evaluated at every cold start).
// The package root re-exports this and `@thaw/middleware/logging` + `/metrics`.
export * from './engine/index.js';
export * from './init-cache/index.js';
export * from './env/index.js';
export * from './kms/index.js';
export * from './redaction/index.js';
