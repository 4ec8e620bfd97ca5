import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { registerCleanup } from '../engine/cleanup.js';
import type { Middleware, Request } from '../engine/types.js';
import { enterInvocation, runInInvocation } from '../logging/invoke-store.js';
import { beginInvocation, prepareLifecycle, type StartInfo } from '../logging/lifecycle.js';
import { addTmpCacheMetrics, initCacheCounter, initDurationMs, registeredTmpCaches } from './built-in.js';
import { flushMetrics } from './emf-writer.js';
import { installMetricsFastPath } from './fast-metrics.js';
import { resolveBuiltIns, validateMetricsOptions, type MetricsOptions } from './options.js';

export interface MetricsMiddleware extends Middleware<any, any, Context> {
  /** The Powertools Metrics the middleware flushes: add your metrics to it in the handler. */
  readonly metrics: Metrics;
  /** Why the metrics are flushed by Powertools' own (slower) path, or undefined when by the fast one (fast-metrics.ts). */
  readonly fastPathOff: string | undefined;
}

const CLEANUP_NAME = 'metrics';
const SCOPE_KEY = 'thaw.metrics.scope';
const FLUSHED_AT_DEADLINE = 'thaw.metrics.deadlineFlushed';
const DONE_KEY = 'thaw.metrics.done';

/**
 * CloudWatch metrics (EMF lines on stdout) through Powertools Metrics, written after every
 * invocation whatever its outcome: after success, after an error, after an early response
 * (an engine cleanup), and at the engine's deadline margin, so an invocation the platform is
 * about to kill for its timeout still gets its metrics out (Powertools alone loses them).
 *
 * @example
 *   const m = metrics({ namespace: 'Shop', builtIn: true });
 *   export const handler = lambda(async () => { m.metrics.addMetric('OrderPlaced', 'Count', 1); }).use(m);
 */
export function metrics(options: MetricsOptions = {}): MetricsMiddleware {
  validateMetricsOptions(options);
  const createdAt = performance.now();
  const store =
    options.metrics ??
    new Metrics({
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(options.serviceName === undefined ? {} : { serviceName: options.serviceName }),
      ...(options.defaultDimensions === undefined ? {} : { defaultDimensions: options.defaultDimensions }),
    });
  const fastPathOff = installMetricsFastPath(store);
  const builtIns = resolveBuiltIns(options.builtIn);
  const captureColdStart = options.captureColdStart !== false;
  const countInitCache = builtIns.initCache ? initCacheCounter() : undefined;
  const explicitTmpCaches = options.tmpCaches ?? [];
  prepareLifecycle();

  const addPerInvocation = (): void => {
    countInitCache?.(store);
    if (builtIns.tmpCache) {
      addTmpCacheMetrics(store, explicitTmpCaches);
      addTmpCacheMetrics(store, registeredTmpCaches());
    }
  };

  // Once per invocation: from after/onError, or the engine's cleanup after an early
  // response (a flag, not unregisterCleanup(): cheaper than deleting a key every time).
  const finish = (request: Request): void => {
    const internal = request.internal;
    if (internal[DONE_KEY] === true) return;
    internal[DONE_KEY] = true;
    if (internal[FLUSHED_AT_DEADLINE] !== true) {
      try {
        addPerInvocation();
      } finally {
        flushMetrics(store);
      }
    }
  };

  return {
    name: 'thaw.metrics',
    metrics: store,
    fastPathOff,

    before(request) {
      const internal = request.internal;
      const start = beginInvocation(request);
      internal[SCOPE_KEY] = enterInvocation(request.context);
      if (start.cold) {
        if (captureColdStart) writeColdStart(store, start, request.context.functionName);
        if (builtIns.initDuration) store.addMetric('InitDuration', 'Milliseconds', initDurationMs(createdAt));
      }
      registerCleanup(request, CLEANUP_NAME, finish);
    },

    after: finish,
    onError: finish,

    onDeadline(request) {
      // From the deadline timer: enter the invocation's context so its metrics are the ones
      // written. The invocation may still end normally; then nothing is written twice.
      runInInvocation(request.internal[SCOPE_KEY] as Record<PropertyKey, unknown> | undefined, () => {
        try {
          addPerInvocation();
        } finally {
          flushMetrics(store);
        }
      });
      request.internal[FLUSHED_AT_DEADLINE] = true;
    },
  };
}

/**
 * A line of its own, as Powertools writes it (ColdStart=1 with a function_name dimension),
 * plus what Powertools leaves out: provisioned-concurrency inits are cold too, with the init
 * type as a field, and a re-init after a crash is flagged.
 */
function writeColdStart(store: Metrics, start: StartInfo, functionName: string | undefined): void {
  const single = store.singleMetric();
  if (functionName) single.addDimension('function_name', functionName);
  single.addMetadata('init_type', start.initType);
  if (start.reinit) single.addMetadata('reinit', 'true');
  single.addMetric('ColdStart', 'Count', 1);
}
