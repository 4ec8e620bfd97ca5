// `awslambda.InvokeStore`: the per-invocation store AWS's runtime publishes (the shape of the
// @aws/lambda-invoke-store package). Powertools Logger/Metrics and the AWS SDK read the request
// id, trace id and tenant id from it and keep their own per-invocation values in it; under
// AWS_LAMBDA_MAX_CONCURRENCY Powertools refuses to log without it. Ours is a view over the
// runtime's own AsyncLocalStorage, so there is one source of truth per invocation.
import { currentInvocation, runInInvocation, type InvocationInfo } from './store.js';

type Slot = Record<PropertyKey, unknown>;

/** The keys reserved for the platform's fields (Symbol.for, so every copy agrees). */
export const INVOKE_STORE_KEYS = {
  REQUEST_ID: Symbol.for('_AWS_LAMBDA_REQUEST_ID'),
  X_RAY_TRACE_ID: Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID'),
  TENANT_ID: Symbol.for('_AWS_LAMBDA_TENANT_ID'),
  TRACEPARENT: Symbol.for('_AWS_LAMBDA_TRACEPARENT'),
  TRACESTATE: Symbol.for('_AWS_LAMBDA_TRACESTATE'),
  BAGGAGE: Symbol.for('_AWS_LAMBDA_BAGGAGE'),
} as const;

const PROTECTED: ReadonlySet<PropertyKey> = new Set(Object.values(INVOKE_STORE_KEYS));
const K = INVOKE_STORE_KEYS;

/** The platform fields of an invocation, readable under the store's symbol keys. */
function platformValue(info: InvocationInfo, key: PropertyKey): unknown {
  if (key === K.REQUEST_ID) return info.requestId;
  if (key === K.X_RAY_TRACE_ID) return info.traceId;
  if (key === K.TENANT_ID) return info.tenantId;
  return undefined;
}

/**
 * One context object per invocation, created on first use and kept beside the invocation's
 * info (never in a global): libraries that hold it and `run` it again later (a flusher on
 * a timer) find the same values they set.
 */
const slots = new WeakMap<InvocationInfo, Slot>();
const owners = new WeakMap<Slot, InvocationInfo>();

function slotOf(info: InvocationInfo): Slot {
  let slot = slots.get(info);
  if (slot === undefined) {
    slot = { [K.REQUEST_ID]: info.requestId, [K.X_RAY_TRACE_ID]: info.traceId, [K.TENANT_ID]: info.tenantId };
    slots.set(info, slot);
    owners.set(slot, info);
  }
  return slot;
}

export class RuntimeInvokeStore {
  static readonly PROTECTED_KEYS = INVOKE_STORE_KEYS;
  /** Marks the store as the runtime's own (libraries that publish a fallback leave it alone). */
  readonly runtime = 'thaw';

  hasContext(): boolean {
    return currentInvocation() !== undefined;
  }

  getContext(): Slot | undefined {
    const info = currentInvocation();
    return info === undefined ? undefined : slotOf(info);
  }

  get<T = unknown>(key: PropertyKey): T | undefined {
    const info = currentInvocation();
    if (info === undefined) return undefined;
    return (PROTECTED.has(key) ? platformValue(info, key) : slots.get(info)?.[key]) as T | undefined;
  }

  set(key: PropertyKey, value: unknown): void {
    if (PROTECTED.has(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const info = currentInvocation();
    if (info === undefined) throw new Error('No invocation is running: awslambda.InvokeStore.set works only inside an invocation.');
    slotOf(info)[key] = value;
  }

  /** Runs `fn` in the invocation `context` belongs to, or in a new one it describes. */
  run<T>(context: Slot, fn: () => T): T {
    let info = owners.get(context);
    if (info === undefined) {
      info = {
        requestId: String(context[K.REQUEST_ID] ?? '-'),
        traceId: context[K.X_RAY_TRACE_ID] as string | undefined,
        tenantId: context[K.TENANT_ID] as string | undefined,
      };
      slots.set(info, context);
      owners.set(context, info);
    }
    return runInInvocation(info, fn);
  }

  getRequestId(): string {
    return currentInvocation()?.requestId ?? '-';
  }
  getXRayTraceId(): string | undefined {
    return currentInvocation()?.traceId;
  }
  getTenantId(): string | undefined {
    return currentInvocation()?.tenantId;
  }
  getTraceparent(): string | undefined {
    return this.get(K.TRACEPARENT);
  }
  getTracestate(): string | undefined {
    return this.get(K.TRACESTATE);
  }
  getBaggage(): string | undefined {
    return this.get(K.BAGGAGE);
  }
}

/** Publishes the store as `awslambda.InvokeStore` (unless the awslambda global is opted out). */
export function installInvokeStore(): void {
  const scope = globalThis as { awslambda?: Record<string, unknown> };
  if (scope.awslambda !== undefined) scope.awslambda['InvokeStore'] = new RuntimeInvokeStore();
}
