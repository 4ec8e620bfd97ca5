export { lambda, DEFAULT_DEADLINE_MARGIN_MS } from './lambda.js';
export type {
  HandlerFunction,
  StreamingHandlerFunction,
  LambdaHandler,
  StreamingLambdaHandler,
  MiddlewareInput,
} from './lambda.js';
export { registerCleanup, unregisterCleanup, runCleanups, CLEANUP_KEY_PREFIX } from './cleanup.js';
export type { Cleanup } from './cleanup.js';
export { DeadlineExceededError, InvalidMiddlewareError, InvalidEngineOptionError, MissingHandlerError } from './errors.js';
export type {
  Request,
  Hook,
  Middleware,
  ContextAdditionsOf,
  DeadlineFlusher,
  HandlerTools,
  DeadlineOptions,
  EngineOptions,
} from './types.js';
