import type { Context } from 'aws-lambda';
import { DeadlineWatch } from './deadline-watch.js';
import { DeadlineExceededError } from './errors.js';
import type { DeadlineFlusher, Request } from './types.js';

/** The engine-wide deadline settings, resolved once when the handler is wrapped. */
export interface DeadlinePolicy {
  readonly marginMs: number;
  readonly failInvocation: boolean;
  /** The middlewares' onDeadline hooks, in the order they run (reverse of `use()`). */
  readonly hooks: DeadlineFlusher[];
  reason(): Error;
}

/** The fields of a request the deadline machinery owns. */
export interface DeadlineState extends Request {
  readonly policy: DeadlinePolicy;
  context: Context;
  controller: AbortController | undefined;
  /** When the deadline work runs (performance.now() time); undefined until something asks for the deadline. */
  dueAt: number | undefined;
  flushers: DeadlineFlusher[] | undefined;
  deadlineReached: boolean;
  finished: boolean;
  rejectAtDeadline: ((error: Error) => void) | undefined;
}

export function createDeadlinePolicy(marginMs: number, failInvocation: boolean): DeadlinePolicy {
  return {
    marginMs,
    failInvocation,
    hooks: [],
    reason: () => new DeadlineExceededError(marginMs),
  };
}

/** Every engine's watched invocations, under one timer (deadline-watch.ts). */
export const deadlines = new DeadlineWatch<DeadlineState>(reachDeadline);

/**
 * Watches this invocation's deadline if it is not watched yet. A timer is right here
 * (unlike for caches): the invocation is running, so the environment is not frozen, and
 * `endInvocation` stops watching it before the response is sent.
 */
export function armDeadline(request: DeadlineState): void {
  if (request.dueAt !== undefined || request.finished || request.deadlineReached) return;
  const remaining = remainingMillis(request.context);
  // Without a Lambda context (a unit test, a plain function call) there is no deadline.
  if (remaining === undefined) return;
  const now = performance.now();
  deadlines.watch(request, now + Math.max(0, remaining - request.policy.marginMs), now);
}

function remainingMillis(context: Context | undefined): number | undefined {
  const read = context?.getRemainingTimeInMillis;
  if (typeof read !== 'function') return undefined;
  const remaining = read.call(context);
  return Number.isFinite(remaining) ? remaining : undefined;
}

function reachDeadline(request: DeadlineState): void {
  if (request.finished) return;
  request.deadlineReached = true;
  const reason = request.policy.reason();
  request.controller?.abort(reason);
  const pending: Promise<void>[] = [];
  runFlushers(request.policy.hooks, request, pending);
  if (request.flushers !== undefined) runFlushers(request.flushers, request, pending);
  const reject = request.rejectAtDeadline;
  if (reject === undefined) return;
  if (pending.length === 0) reject(reason);
  else void Promise.allSettled(pending).then(() => reject(reason));
}

function runFlushers(flushers: DeadlineFlusher[], request: DeadlineState, pending: Promise<void>[]): void {
  for (const flush of flushers) {
    try {
      const result = flush(request);
      if (result instanceof Promise) pending.push(result.catch(warnFlusherFailed));
    } catch (error) {
      // One failing flusher must not stop the others from writing what they hold.
      warnFlusherFailed(error);
    }
  }
}

function warnFlusherFailed(error: unknown): void {
  // Only the error's type: its message could carry data the flusher was writing.
  const kind = error instanceof Error ? error.name : typeof error;
  process.emitWarning(`A deadline flusher threw ${kind}; the others still ran.`, 'ThawDeadlineWarning');
}

/** Called when the invocation ends, whatever the outcome: its deadline work never runs after this. */
export function endInvocation(request: DeadlineState): void {
  request.finished = true;
  if (request.dueAt !== undefined) deadlines.forget(request);
}

/** Races the handler against the deadline when `failInvocation` is on. */
export function raceDeadline<T>(work: Promise<T>, request: DeadlineState): Promise<T> {
  if (request.deadlineReached) return Promise.reject(request.policy.reason());
  const deadline = new Promise<never>((_, reject) => {
    request.rejectAtDeadline = reject;
  });
  armDeadline(request);
  return Promise.race([work, deadline]);
}
