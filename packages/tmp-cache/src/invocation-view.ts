import type { TmpCache } from './cache.js';
import type { InvocationScope } from './invocation-scope.js';
import { endInvocation } from './invocations.js';
import type { CacheState } from './state.js';

/** One invocation as the cache sees it, from `begin`, `invocation` or the middleware. */
export interface Invocation {
  /** The invocation's number in this runtime process, from 1. */
  readonly seq: number;
  /** First invocation of this runtime instance (it paid the init). */
  readonly cold: boolean;
  /** `context.awsRequestId`, when a context was given. */
  readonly requestId: string | undefined;
  /** `context.tenantId`, in tenant isolation mode. */
  readonly tenantId: string | undefined;
  /** A private directory for this invocation (0700), created on first use, removed at end(). */
  readonly scratchDir: string;
  /** A path for `name` in the scratch directory (a plain file name: no slashes, no dot-dot). */
  scratchPath(name: string): string;
  /** Milliseconds left before the function times out, from the context; undefined without one. */
  remainingMs(): number | undefined;
  /** The cache to use in this invocation: the tenant's namespace when perTenant was asked. */
  readonly cache: TmpCache;
  /** Releases leases, removes scratch, clears the invocation marker, runs maintenance. */
  end(): void;
}

/** Options of `begin`, `invocation` and the middleware. */
export interface BeginOptions {
  /** Give each tenant (context.tenantId) its own namespace in `invocation.cache`. */
  perTenant?: boolean;
}

/**
 * The public face of an invocation scope: read-only facts and the few calls a handler
 * needs. The scope itself (leases, deadline, marker bookkeeping) stays internal.
 */
export function invocationView(state: CacheState, scope: InvocationScope, cache: TmpCache): Invocation {
  return {
    seq: scope.seq,
    cold: scope.cold,
    requestId: scope.requestId,
    tenantId: scope.tenantId,
    // A getter: the directory is created on first use only, and refused after end().
    get scratchDir() { return scope.scratchDir; },
    scratchPath: (name) => scope.scratchPath(name),
    remainingMs: () => scope.remainingMs(),
    cache,
    end: () => { endInvocation(state, scope); },
  };
}
