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

// On globalThis under a registered symbol: a function that bundles its own copy of this
// package (for currentInvocation or the streaming helpers) must see the storage the
// bootstrap's copy runs invocations in, not an empty one of its own.
// Created by the first invocation, not at load: nothing can be in an invocation before
// then, and AsyncLocalStorage loads builtins that would otherwise delay the first /next.
const STORAGE_KEY = Symbol.for('thaw.runtime-client.invocation-storage');
const slot = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<InvocationInfo> };

/** The invocation whose code is running now, or undefined during init and between invocations. */
export function currentInvocation(): InvocationInfo | undefined {
  return slot[STORAGE_KEY]?.getStore();
}

/**
 * Runs `fn(...args)` (and everything it schedules) as part of the invocation `info`.
 * Arguments are passed through rather than captured so callers need no closure.
 */
export function runInInvocation<A extends unknown[], R>(info: InvocationInfo, fn: (...args: A) => R, ...args: A): R {
  return (slot[STORAGE_KEY] ??= new AsyncLocalStorage<InvocationInfo>()).run(info, fn, ...args);
}
