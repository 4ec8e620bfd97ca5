import type { Context } from 'aws-lambda';
import type { Writable } from 'node:stream';

/**
 * What every hook receives: the Middy-shaped request object. The field names and their
 * meaning match @middy/core 7 so that middlewares written for either engine run on both.
 */
export interface Request<TEvent = unknown, TResult = unknown, TContext extends Context = Context> {
  /** The invocation's event; before hooks may replace it (a body parser does). */
  event: TEvent;
  /** The handler's context, with what middlewares added to it. */
  context: TContext;
  /** The handler's result (or an early response); after hooks may replace it. */
  response: TResult | undefined;
  /**
   * The error being handled, set when the onError hooks run. Typed `any` (anything can be
   * thrown) so that Middy's middlewares, which declare `Error`, type-check here unchanged.
   */
  error: any;
  /** Per-invocation scratch space shared by middlewares (Middy's `request.internal`). */
  internal: Record<string, unknown>;
  /** Set by a hook to end the chain with this response (Middy 6+ semantics). */
  earlyResponse?: TResult | undefined;
  // The members below are thaw's additions. They are optional because a middleware may
  // also run under @middy/core, whose request does not have them.
  /**
   * Aborted a configurable margin before the invocation's deadline. Created on first read,
   * so invocations that never look at it pay nothing.
   */
  readonly signal?: AbortSignal;
  /** The response stream, for handlers marked with `streamifyResponse`. */
  readonly responseStream?: Writable | undefined;
  /** Registers a function that runs when the deadline is reached (flush logs/metrics). */
  onDeadline?(flush: DeadlineFlusher<TEvent, TResult, TContext>): void;
}

/** A lifecycle hook. Returning a value other than undefined ends the chain with it. */
export type Hook<TEvent = any, TResult = any, TContext extends Context = Context> = (
  request: Request<TEvent, TResult, TContext>,
) => unknown;

/** Runs at the deadline; should write synchronously, the platform may stop the process soon after. */
export type DeadlineFlusher<TEvent = any, TResult = any, TContext extends Context = Context> = (
  request: Request<TEvent, TResult, TContext>,
) => void | Promise<void>;

/**
 * A Middy-shaped middleware. `before` hooks run in `use()` order, `after` and `onError` in
 * reverse. `onDeadline` and `init` are thaw additions that @middy/core ignores.
 *
 * `TContextAdditions` names properties the middleware puts on `context`, so handlers
 * attached later with `.handler()` see them typed.
 */
export interface Middleware<
  TEvent = any,
  TResult = any,
  TContext extends Context = Context,
  TContextAdditions extends object = {},
> {
  // Method signatures on purpose: their parameters are compared bivariantly, which lets a
  // middleware typed for Middy's Request (error: Error) be used here and vice versa.
  /** Runs before the handler, in `use()` order. Returning a value (or setting `request.earlyResponse`) answers at once: the handler and the after hooks are skipped. */
  before?(request: Request<TEvent, TResult, TContext>): unknown;
  /** Runs after the handler succeeded, in reverse `use()` order; may read or replace `request.response`. */
  after?(request: Request<TEvent, TResult, TContext>): unknown;
  /** Runs when a hook or the handler threw, in reverse `use()` order; setting `request.response` answers with it instead of the error. */
  onError?(request: Request<TEvent, TResult, TContext>): unknown;
  /** Runs when the deadline margin is reached while the invocation is still running. */
  onDeadline?(request: Request<TEvent, TResult, TContext>): void | Promise<void>;
  /**
   * Runs once when the middleware is attached with `.use()` (that is, at module load, in
   * the init phase). A returned promise is awaited before the first invocation's hooks; if
   * it fails, that invocation fails and the next one runs it again.
   */
  init?(): void | Promise<void>;
  /** A name for error messages and cleanups (e.g. `powertools.logger`). */
  name?: string | undefined;
  /** Type-only marker of what the middleware adds to `context`; never set at run time. */
  readonly __contextAdditions?: TContextAdditions | undefined;
}

/** What a middleware adds to the context, read from its type. */
export type ContextAdditionsOf<M> = M extends {
  /** The type-only marker of `Middleware`. */
  readonly __contextAdditions?: infer A;
}
  ? NonNullable<A> extends object
    ? NonNullable<A>
    : {}
  : {};

/** The third argument our engine passes to a non-streaming handler (Middy passes `{ signal }`). */
export interface HandlerTools {
  /** Aborted `deadline.marginMs` before the invocation's deadline; created on first read, so a handler that never reads it pays nothing. */
  readonly signal: AbortSignal;
}

export type PlainHandler<TEvent, TResult, TContext extends Context = Context> = (
  event: TEvent,
  context: TContext,
  tools: HandlerTools,
) => TResult | Promise<TResult>;

export type StreamingHandler<TEvent, TResult, TContext extends Context = Context> = (
  event: TEvent,
  responseStream: Writable,
  context: TContext,
  tools: HandlerTools,
) => TResult | Promise<TResult>;

/** The deadline guard of `lambda(handler, { deadline })`. */
export interface DeadlineOptions {
  /** How long before the platform deadline the signal fires and flushers run. */
  marginMs?: number;
  /**
   * When true, reaching the deadline ends the invocation with a `DeadlineExceededError`
   * that goes through the onError hooks (so an error response is sent before the platform
   * timeout). When false (the default) only the signal and the flushers fire.
   */
  failInvocation?: boolean;
}

/** Options of `lambda()`. */
export interface EngineOptions {
  /** When the abort signal and the `onDeadline` hooks fire, and whether the invocation then fails. */
  deadline?: DeadlineOptions;
}
