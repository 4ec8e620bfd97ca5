import type { AsyncLocalStorage } from 'node:async_hooks';
import { nodeAsyncHooks } from '../node-builtins.js';

/**
 * Per-invocation state under concurrency (AWS_LAMBDA_MAX_CONCURRENCY).
 *
 * Powertools Logger and Metrics keep their per-invocation state (request keys, log level,
 * buffer, stored metrics) in the "InvokeStore" that AWS's runtime interface client publishes
 * as `globalThis.awslambda.InvokeStore` and enters for every invocation. When the variable
 * is set and no store is there (our runtime, a local harness), Powertools throws
 * "InvokeStore is not available" at the first log line. So, only in that case, we publish a
 * store of the same shape backed by an AsyncLocalStorage, and each invocation enters its own
 * context from the middleware's `before` hook. On AWS's runtime the platform's store is used
 * as it is.
 */
type Slot = Record<PropertyKey, unknown>;

export interface InvokeStoreLike {
  hasContext(): boolean;
  getContext(): Slot | undefined;
  get(key: PropertyKey): unknown;
  set(key: PropertyKey, value: unknown): void;
  run<T>(context: Slot, fn: () => T): T;
  /** Present on AsyncLocalStorage-backed stores (ours, the @aws/lambda-invoke-store one). */
  als?: AsyncLocalStorage<Slot>;
}

/** The keys AWS's store reserves for the platform's own fields. */
export const INVOKE_KEYS = {
  requestId: Symbol.for('_AWS_LAMBDA_REQUEST_ID'),
  traceId: Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID'),
  tenantId: Symbol.for('_AWS_LAMBDA_TENANT_ID'),
} as const;

const PROTECTED = new Set<PropertyKey>(Object.values(INVOKE_KEYS));

class AlsInvokeStore implements InvokeStoreLike {
  static readonly PROTECTED_KEYS = {
    REQUEST_ID: INVOKE_KEYS.requestId,
    X_RAY_TRACE_ID: INVOKE_KEYS.traceId,
    TENANT_ID: INVOKE_KEYS.tenantId,
  };
  // Only created under concurrency: node:async_hooks is loaded then, not at import.
  readonly als: AsyncLocalStorage<Slot> = new (nodeAsyncHooks().AsyncLocalStorage)<Slot>();
  readonly thaw = true;
  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }
  getContext(): Slot | undefined {
    return this.als.getStore();
  }
  get(key: PropertyKey): unknown {
    return this.als.getStore()?.[key];
  }
  set(key: PropertyKey, value: unknown): void {
    if (PROTECTED.has(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const store = this.als.getStore();
    if (store === undefined) throw new Error('No invocation context is active; set values inside an invocation.');
    store[key] = value;
  }
  run<T>(context: Slot, fn: () => T): T {
    return this.als.run(context, fn);
  }
  isProtectedKey(key: PropertyKey): boolean {
    return PROTECTED.has(key);
  }
  getRequestId(): string {
    return (this.get(INVOKE_KEYS.requestId) as string | undefined) ?? '-';
  }
  getXRayTraceId(): string | undefined {
    return this.get(INVOKE_KEYS.traceId) as string | undefined;
  }
  getTenantId(): string | undefined {
    return this.get(INVOKE_KEYS.tenantId) as string | undefined;
  }
}

type AwsLambdaGlobal = { awslambda?: { InvokeStore?: InvokeStoreLike } & Record<string, unknown> };

let concurrent: boolean | undefined;

/** AWS_LAMBDA_MAX_CONCURRENCY is fixed for the life of the process: read it once. */
export function concurrencyEnabled(): boolean {
  return (concurrent ??= (process.env.AWS_LAMBDA_MAX_CONCURRENCY ?? '') !== '');
}

/** For tests that change AWS_LAMBDA_MAX_CONCURRENCY. */
export function rereadConcurrencyForTests(): void {
  concurrent = undefined;
}

/** The store Powertools will use, publishing ours first when concurrency needs one. */
export function invokeStore(): InvokeStoreLike | undefined {
  if (!concurrencyEnabled()) return undefined;
  const scope = globalThis as AwsLambdaGlobal;
  const holder = (scope.awslambda ??= {});
  return (holder.InvokeStore ??= new AlsInvokeStore());
}

// Published at import: a Logger or Metrics created at module scope, right after this
// package is imported, already finds a store.
invokeStore();

/** The public parts of the Lambda context this needs. */
export interface InvocationContextLike {
  awsRequestId: string;
  tenantId?: string | undefined;
}

/**
 * Makes the rest of this invocation (the remaining hooks, the handler and everything it
 * awaits) run in a context of its own. Returns that context so a deadline flusher, which
 * runs from a timer outside it, can enter it again. Returns undefined when the invocations
 * do not run concurrently (module-level state is then correct) or when the platform already
 * entered a context for this invocation.
 */
export function enterInvocation(lambdaContext: InvocationContextLike): Slot | undefined {
  const store = invokeStore();
  if (store === undefined) return undefined;
  const current = store.getContext();
  if (current !== undefined && current[INVOKE_KEYS.requestId] === lambdaContext.awsRequestId) return current;
  const context: Slot = {
    [INVOKE_KEYS.requestId]: lambdaContext.awsRequestId,
    // Under concurrency the runtime does not set _X_AMZN_TRACE_ID; if it is there, it is
    // the only trace id on offer.
    [INVOKE_KEYS.traceId]: process.env._X_AMZN_TRACE_ID,
    [INVOKE_KEYS.tenantId]: lambdaContext.tenantId,
  };
  // enterWith, not run: a middleware hook cannot wrap the rest of the chain in a callback.
  // The hooks run synchronously inside the engine's async invocation, so the context set
  // here is the one every later await of that invocation resumes in.
  if (store.als === undefined) return current;
  store.als.enterWith(context);
  return context;
}

/** Runs `fn` inside an invocation's context (for flushers called from a timer). */
export function runInInvocation<T>(context: Slot | undefined, fn: () => T): T {
  const store = context === undefined ? undefined : invokeStore();
  return store === undefined ? fn() : store.run(context!, fn);
}

