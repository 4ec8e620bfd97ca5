import type { Context } from 'aws-lambda';
import type { Writable } from 'node:stream';
import { armDeadline, type DeadlinePolicy } from './deadline.js';
import type { DeadlineFlusher, HandlerTools, Request } from './types.js';

/**
 * One invocation's request. A class (not an object literal) so every request shares one
 * hidden class and the lazy getters live on the prototype: creating it costs one
 * allocation, with no closures.
 */
export class InvocationRequest<TEvent = unknown, TResult = unknown, TContext extends Context = Context>
  implements Request<TEvent, TResult, TContext>, HandlerTools
{
  response: TResult | undefined = undefined;
  error: unknown = undefined;
  declare earlyResponse?: TResult | undefined;

  /** Deadline state, touched only when something asks for the deadline. */
  controller: AbortController | undefined = undefined;
  dueAt: number | undefined = undefined;
  flushers: DeadlineFlusher[] | undefined = undefined;
  deadlineReached = false;
  finished = false;
  rejectAtDeadline: ((error: Error) => void) | undefined = undefined;
  private internalStore: Record<string, unknown> | undefined = undefined;

  constructor(
    public event: TEvent,
    public context: TContext,
    readonly responseStream: Writable | undefined,
    readonly policy: DeadlinePolicy,
  ) {}

  get internal(): Record<string, unknown> {
    // A plain object, as Middy's: the same keys go in on every invocation, so V8 gives them
    // fixed slots (a prototype-less object is a hash table, slower to fill).
    return (this.internalStore ??= {});
  }

  set internal(value: Record<string, unknown>) {
    this.internalStore = value;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.deadlineReached) this.controller.abort(this.policy.reason());
      else armDeadline(this);
    }
    return this.controller.signal;
  }

  /** Arms the deadline timer (used when middlewares registered onDeadline hooks). */
  startDeadlineTimer(): void {
    armDeadline(this);
  }

  onDeadline(flush: DeadlineFlusher<TEvent, TResult, TContext>): void {
    (this.flushers ??= []).push(flush as DeadlineFlusher);
    armDeadline(this);
  }
}
