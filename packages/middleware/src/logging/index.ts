export { logging } from './logging-middleware.js';
export type { LoggingMiddleware } from './logging-middleware.js';
export type { LoggingOptions, LogEventOptions, BufferOptions } from './options.js';
export { InvalidPathError, InvalidLoggingOptionError } from './errors.js';
export { REDACTED_FIELD } from './redact-paths.js';
export type { StartInfo } from './lifecycle.js';
