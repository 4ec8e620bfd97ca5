import type { Context, Handler, StreamifyHandler } from 'aws-lambda';
import type { Writable } from 'node:stream';
import { createDeadlinePolicy } from './deadline.js';
import { InvalidEngineOptionError, MissingHandlerError } from './errors.js';
import { addMiddlewares, type Pipeline } from './pipeline.js';
import { InvocationRequest } from './request.js';
import { runInvocation } from './run.js';
import { copyStreamingMarks, isStreamingHandler } from './streaming.js';
import type { ContextAdditionsOf, EngineOptions, HandlerTools, Middleware } from './types.js';

/**
 * Why 50 ms: enough for the flushers to write their lines synchronously and for an error
 * response to reach the Runtime API, small next to the shortest useful Lambda timeout (1 s).
 */
export const DEFAULT_DEADLINE_MARGIN_MS = 50;

/** A handler our engine can wrap: async, returning its result (the third argument is ours). */
export type HandlerFunction<TEvent, TResult, TContext extends Context = Context> = (
  event: TEvent,
  context: TContext,
  tools: HandlerTools,
) => TResult | Promise<TResult>;

/** A streaming handler our engine can wrap: it writes its response to `responseStream` (see `awslambda.streamifyResponse`). */
export type StreamingHandlerFunction<TEvent, TResult, TContext extends Context = Context> = (
  event: TEvent,
  responseStream: awslambda.HttpResponseStream,
  context: TContext,
  tools: HandlerTools,
) => TResult | Promise<TResult>;

/** What `.use()` accepts: one middleware or an array of them, typed for this chain. */
export type MiddlewareInput<TEvent, TResult> =
  | Middleware<TEvent, TResult, any, any>
  | readonly Middleware<TEvent, TResult, any, any>[];

type UseAdditions<M> = M extends readonly (infer Item)[] ? ContextAdditionsOf<Item> : ContextAdditionsOf<M>;

/** The wrapped handler: a plain Lambda handler function with the chain methods on it. */
export interface LambdaHandler<TEvent = unknown, TResult = unknown, TContext extends Context = Context>
{
  (event: TEvent, context: Context): Promise<TResult>;
  /** Adds middlewares (one or an array): before hooks run in this order, after/onError in reverse. */
  use<M extends MiddlewareInput<TEvent, TResult>>(middleware: M): LambdaHandler<TEvent, TResult, TContext & UseAdditions<M>>;
  /** Sets (or replaces) the handler; its context parameter sees what middlewares added. */
  handler<E = TEvent, R = TResult>(handler: HandlerFunction<E, R, TContext>): LambdaHandler<E, Awaited<R>, TContext>;
  /** Sets (or replaces) a streaming handler; the chain becomes a `StreamingLambdaHandler`. */
  handler<E = TEvent, R = TResult>(
    handler: StreamingHandlerFunction<E, R, TContext>,
  ): StreamingLambdaHandler<E, Awaited<R>, TContext>;
}

/** The wrapped form of a `streamifyResponse` handler, still marked as streaming. */
export interface StreamingLambdaHandler<TEvent = unknown, TResult = unknown, TContext extends Context = Context>
{
  (event: TEvent, responseStream: Writable, context: Context): Promise<TResult>;
  /** Adds middlewares (one or an array): before hooks run in this order, after/onError in reverse. */
  use<M extends MiddlewareInput<TEvent, TResult>>(
    middleware: M,
  ): StreamingLambdaHandler<TEvent, TResult, TContext & UseAdditions<M>>;
  /** Sets (or replaces) the streaming handler; its context parameter sees what middlewares added. */
  handler<E = TEvent, R = TResult>(
    handler: StreamingHandlerFunction<E, R, TContext>,
  ): StreamingLambdaHandler<E, Awaited<R>, TContext>;
}

/**
 * Wraps a handler so middlewares can be attached with `.use()`. The result is itself a
 * plain Lambda handler: export it as your function's handler, on our runtime or on AWS's.
 *
 * @example
 *   export const handler = lambda(async (event: SQSEvent) => { ... }).use(logging()).use(metrics());
 */
export function lambda<TEvent, TResult>(
  handler: HandlerFunction<TEvent, TResult>,
  options?: EngineOptions,
): LambdaHandler<TEvent, Awaited<TResult>>;
/** A handler typed with @types/aws-lambda (`APIGatewayProxyHandler`, `SQSHandler`, ...). */
export function lambda<TEvent, TResult>(
  handler: Handler<TEvent, TResult>,
  options?: EngineOptions,
): LambdaHandler<TEvent, TResult>;
export function lambda<TEvent, TResult>(
  handler: StreamingHandlerFunction<TEvent, TResult>,
  options?: EngineOptions,
): StreamingLambdaHandler<TEvent, Awaited<TResult>>;
export function lambda<TEvent, TResult>(
  handler: StreamifyHandler<TEvent, TResult>,
  options?: EngineOptions,
): StreamingLambdaHandler<TEvent, Awaited<TResult>>;
/** Starts a chain without a handler: attach middlewares first, then `.handler(fn)` sees their context. */
export function lambda<TEvent = unknown, TResult = unknown>(options?: EngineOptions): LambdaHandler<TEvent, TResult>;
export function lambda(handlerOrOptions?: unknown, maybeOptions?: EngineOptions): unknown {
  const handler = typeof handlerOrOptions === 'function' ? handlerOrOptions : undefined;
  const options = (handler === undefined ? handlerOrOptions : maybeOptions) as EngineOptions | undefined;
  const pipeline = createPipeline(handler, options);
  return makeWrapper(pipeline, handler);
}

function createPipeline(handler: unknown, options: EngineOptions | undefined): Pipeline {
  const marginMs = options?.deadline?.marginMs ?? DEFAULT_DEADLINE_MARGIN_MS;
  if (typeof marginMs !== 'number' || !Number.isFinite(marginMs) || marginMs < 0) {
    throw new InvalidEngineOptionError(
      `deadline.marginMs must be a number of milliseconds >= 0, got ${String(marginMs)}.`,
    );
  }
  return {
    handler: (handler ?? missingHandler) as Pipeline['handler'],
    streaming: isStreamingHandler(handler),
    before: [],
    after: [],
    onError: [],
    policy: createDeadlinePolicy(marginMs, options?.deadline?.failInvocation === true),
    pendingInit: undefined,
  };
}

function missingHandler(): never {
  throw new MissingHandlerError(
    'This function was wrapped with lambda() but no handler was set; call .handler(fn) on the chain.',
  );
}

/** Builds the exported function once; every invocation only allocates its request. */
function makeWrapper(pipeline: Pipeline, markedFrom: unknown): unknown {
  const policy = pipeline.policy;
  const wrapper = pipeline.streaming
    ? function thawStreamingHandler(event: unknown, responseStream: Writable, context: Context) {
        return runInvocation(pipeline, new InvocationRequest(event, context, responseStream, policy));
      }
    : function thawHandler(event: unknown, context: Context) {
        return runInvocation(pipeline, new InvocationRequest(event, context, undefined, policy));
      };
  if (pipeline.streaming) copyStreamingMarks(markedFrom, wrapper);
  const chain = wrapper as unknown as { use: unknown; handler: unknown };
  chain.use = (middleware: Middleware | readonly Middleware[]) => {
    addMiddlewares(pipeline, middleware);
    return wrapper;
  };
  chain.handler = (next: unknown) => {
    if (typeof next !== 'function') {
      throw new MissingHandlerError(`.handler() expects a function, got ${typeof next}.`);
    }
    const streaming = isStreamingHandler(next);
    pipeline.handler = next as Pipeline['handler'];
    if (streaming === pipeline.streaming) return wrapper;
    // The exported function's shape (arity, marks) depends on streaming, so build a new one.
    pipeline.streaming = streaming;
    return makeWrapper(pipeline, next);
  };
  return wrapper;
}
