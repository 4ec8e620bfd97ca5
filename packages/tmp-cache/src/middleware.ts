import type { LambdaContextLike } from './invocation-scope.js';
import type { Invocation, TmpCache } from './cache.js';

/** The request object of a Middy-shaped engine (only `context` is used). */
export interface MiddlewareRequest {
  context: LambdaContextLike;
  [key: string]: unknown;
}

export interface TmpCacheMiddleware {
  before(request: MiddlewareRequest): void;
  after(request: MiddlewareRequest): void;
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
