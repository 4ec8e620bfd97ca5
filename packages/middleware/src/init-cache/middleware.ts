import type { Context } from 'aws-lambda';
import { registerCleanup } from '../engine/cleanup.js';
import type { Middleware, Request } from '../engine/types.js';
import { InvalidCacheOptionError } from './errors.js';
import type { InitCache } from './init-cache.js';

/** Options of `initCacheMiddleware`. */
export interface InitCacheMiddlewareOptions<K extends string | undefined> {
  /**
   * Where the values go on `context`: under this one property, or (when absent) each key
   * as its own property. They are always also on `request.internal`, by key.
   */
  contextKey?: K;
}

/** The properties of the Lambda context, which spread cache keys must not shadow. */
const CONTEXT_PROPERTIES = new Set<string>([
  'callbackWaitsForEmptyEventLoop', 'functionName', 'functionVersion', 'invokedFunctionArn',
  'memoryLimitInMB', 'awsRequestId', 'logGroupName', 'logStreamName', 'identity',
  'clientContext', 'tenantId', 'getRemainingTimeInMillis', 'done', 'fail', 'succeed',
]);

/**
 * Puts an init cache's values on every invocation's request and context. Before the
 * response is sent (after, onError, and after an early response) it waits for refreshes
 * still running, so none is frozen half-way.
 */
export function initCacheMiddleware<V extends Record<string, unknown>, K extends string | undefined = undefined>(
  cache: InitCache<V>,
  options: InitCacheMiddlewareOptions<K> = {},
): Middleware<any, any, Context, K extends string ? { [P in K]: V } : V> {
  const contextKey = options.contextKey;
  const cleanupName = `init-cache:${cache.name}`;
  if (contextKey === undefined) {
    const clash = Object.keys(cache.stats().keys).filter((key) => CONTEXT_PROPERTIES.has(key));
    if (clash.length > 0) {
      throw new InvalidCacheOptionError(
        `Init cache "${cache.name}": key(s) ${clash.join(', ')} would replace Lambda context properties; ` +
          "rename them or pass { contextKey: 'someName' } to put the values under one property.",
      );
    }
  } else if (typeof contextKey !== 'string' || CONTEXT_PROPERTIES.has(contextKey)) {
    throw new InvalidCacheOptionError(
      `Init cache "${cache.name}": contextKey must be a string that is not a Lambda context property, got ${String(contextKey)}.`,
    );
  }

  const place = (request: Request<any, any, any>, values: V): void => {
    const internal = request.internal;
    for (const key in values) internal[key] = values[key];
    if (contextKey === undefined) Object.assign(request.context, values);
    else (request.context as Record<string, unknown>)[contextKey] = values;
    if (cache.busy) registerCleanup(request, cleanupName, settle);
  };
  const settle = (): Promise<void> => cache.settle();
  const settleIfBusy = (): Promise<void> | undefined => (cache.busy ? cache.settle() : undefined);

  return {
    name: cleanupName,
    before(request) {
      const values = cache.readAll();
      if (values instanceof Promise) return values.then((resolved) => place(request, resolved));
      place(request, values);
      return undefined;
    },
    after: settleIfBusy,
    onError: settleIfBusy,
  };
}
