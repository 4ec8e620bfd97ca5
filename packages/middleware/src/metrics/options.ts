import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { TmpCacheMetricsSource } from './built-in.js';
import { InvalidMetricsOptionError } from './errors.js';

/** Which built-in metrics the `metrics()` middleware writes. */
export interface BuiltInMetricsOptions {
  /** `InitDuration` (ms, on the cold invocation): process start to module load. */
  initDuration?: boolean;
  /** `InitCacheHits` / `InitCacheMisses` per invocation, over every initCache() in the process. */
  initCache?: boolean;
  /** @thaw/tmp-cache counters per invocation, from `tmpCaches` and the caches it registers. */
  tmpCache?: boolean;
}

/** Options of the `metrics()` middleware. */
export interface MetricsOptions {
  /** Your Metrics. Without one, a Metrics is created from `namespace`/`serviceName` or the environment. */
  metrics?: Metrics;
  /** Default: POWERTOOLS_METRICS_NAMESPACE. One of the two is required for a created Metrics. */
  namespace?: string;
  /** Default: POWERTOOLS_SERVICE_NAME (Powertools adds it as the `service` dimension). */
  serviceName?: string;
  /** Dimensions added to every metric line of a created Metrics. */
  defaultDimensions?: Record<string, string>;
  /** Write a `ColdStart` metric on the first invocation of each runtime. Default true. */
  captureColdStart?: boolean;
  /** Built-in metrics: `true` for all of them, or pick. Default none. */
  builtIn?: boolean | BuiltInMetricsOptions;
  /** tmp-cache caches to report on (with builtIn.tmpCache), besides any registered globally. */
  tmpCaches?: readonly TmpCacheMetricsSource[];
}

export interface ResolvedBuiltIns {
  initDuration: boolean;
  initCache: boolean;
  tmpCache: boolean;
}

export function resolveBuiltIns(builtIn: MetricsOptions['builtIn']): ResolvedBuiltIns {
  if (builtIn === true) return { initDuration: true, initCache: true, tmpCache: true };
  if (builtIn === undefined || builtIn === false) return { initDuration: false, initCache: false, tmpCache: false };
  if (typeof builtIn !== 'object' || builtIn === null) {
    throw new InvalidMetricsOptionError(`metrics({ builtIn }) must be true, false or { initDuration, initCache, tmpCache }, got ${typeof builtIn}.`);
  }
  return { initDuration: builtIn.initDuration === true, initCache: builtIn.initCache === true, tmpCache: builtIn.tmpCache === true };
}

export function validateMetricsOptions(options: MetricsOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidMetricsOptionError(`metrics() expects an options object or nothing, got ${options === null ? 'null' : typeof options}.`);
  }
  if (options.metrics !== undefined) {
    if (options.namespace !== undefined || options.serviceName !== undefined || options.defaultDimensions !== undefined) {
      throw new InvalidMetricsOptionError(
        'metrics() got your Metrics and also namespace, serviceName or defaultDimensions, which only apply to a Metrics it creates. ' +
          'Set them on your Metrics or drop the metrics option.',
      );
    }
    return;
  }
  const namespace = options.namespace ?? process.env.POWERTOOLS_METRICS_NAMESPACE;
  if (typeof namespace !== 'string' || namespace.trim() === '') {
    throw new InvalidMetricsOptionError(
      'metrics() has no namespace: pass metrics({ namespace: "MyApp" }) or set POWERTOOLS_METRICS_NAMESPACE. ' +
        'Without one every metric would land in Powertools\' "default_namespace".',
    );
  }
  if (options.tmpCaches !== undefined && !Array.isArray(options.tmpCaches)) {
    throw new InvalidMetricsOptionError('metrics({ tmpCaches }) must be an array of @thaw/tmp-cache caches.');
  }
}
