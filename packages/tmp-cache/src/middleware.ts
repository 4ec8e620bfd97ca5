import type { LambdaContextLike } from './invocation-scope.js';
import type { TmpCache } from './cache.js';
import type { Invocation } from './invocation-view.js';

/** The request object of a Middy-shaped engine (only `context` is used). */
export interface MiddlewareRequest {
  /** The handler's context. */
  context: LambdaContextLike;
  [key: string]: unknown;
}

/** The middleware from `tmpCacheMiddleware` or `cache.middleware()`. */
export interface TmpCacheMiddleware {
  /** Begins the invocation. */
  before(request: MiddlewareRequest): void;
  /** Ends the invocation after the handler succeeded. */
  after(request: MiddlewareRequest): void;
  /** Ends the invocation after the handler failed. */
  onError(request: MiddlewareRequest): void;
}

/**
 * A Middy-shaped middleware ({ before, after, onError }) that brackets each invocation:
 * no dependency on @thaw/middleware or Middy. In the handler, `cache.invocationFor(context)`
 * returns the invocation (scratch dir, tenant view).
 */
export function tmpCacheMiddleware(cache: TmpCache, options: { perTenant?: boolean } = {}): TmpCacheMiddleware {
  const end = (request: MiddlewareRequest) => {
    const invocation: Invocation | undefined = cache.invocationFor(request.context);
    invocation?.end();
  };
  return {
    before: (request) => {
      cache.begin(request.context, options);
    },
    after: end,
    onError: end,
  };
}
