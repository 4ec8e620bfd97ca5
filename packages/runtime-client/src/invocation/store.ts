// The per-invocation state that must follow the code of one invocation across await,
// timers and promise chains, and stay apart from other invocations running at the same
// time (Managed Instances). Module globals cannot do that; AsyncLocalStorage can.
import { AsyncLocalStorage } from 'node:async_hooks';

/** The invocation whose code is running, as `currentInvocation()` returns it. */
export interface InvocationInfo {
  /** The request id (`context.awsRequestId`). */
  readonly requestId: string;
  /** The tenant id, in tenant isolation mode. */
  readonly tenantId: string | undefined;
  /** The X-Ray trace header of the invocation. */
  readonly traceId: string | undefined;
}

const storage = new AsyncLocalStorage<InvocationInfo>();

/** The invocation whose code is running now, or undefined during init and between invocations. */
export function currentInvocation(): InvocationInfo | undefined {
  return storage.getStore();
}

/**
 * Runs `fn(...args)` (and everything it schedules) as part of the invocation `info`.
 * Arguments are passed through rather than captured so callers need no closure.
 */
export function runInInvocation<A extends unknown[], R>(info: InvocationInfo, fn: (...args: A) => R, ...args: A): R {
  return storage.run(info, fn, ...args);
}
