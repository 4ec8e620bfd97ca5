import { Metrics, MetricResolution, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Scoped } from '../logging/scoped.js';
import { writeLine } from '../logging/write-line.js';
import { EmfText, type StoredMetric } from './emf-text.js';
import { checkMetric, collisionSource, noteKey, type KeySource } from './metric-rules.js';

/**
 * The per-flush fast path of a Powertools Metrics.
 *
 * Powertools stores each metric in an invocation-scoped store and, to publish, rebuilds
 * the definitions, dimension sets and collision checks through several layers (each store
 * read consults the environment), then prints through a Console. This keeps the metrics of
 * the current invocation itself (same validation, same errors, same 100-metric and
 * 100-value automatic flushes) and writes the same EMF object with one synchronous write.
 *
 * Dimensions, metadata, the namespace and timestamps stay in Powertools: the part of the
 * EMF line they make is taken from Powertools' own serializeMetrics() (its metric store
 * stays empty), once while only the default dimensions apply, and again for every flush of
 * an invocation that added its own dimensions, metadata or timestamp. So the line is
 * Powertools' line; only the metrics are added here, as Powertools adds them.
 */
const INSTALLED = Symbol.for('thaw.metrics.fastPath');
const MAX_METRICS = 100;
const MAX_VALUES = 100;
const UNITS: ReadonlySet<string> = new Set(Object.values(MetricUnit));
const RESOLUTIONS: ReadonlySet<number> = new Set(Object.values(MetricResolution));

interface EmfObject {
  _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: unknown[] }> };
  [key: string]: unknown;
}

/** The part of Powertools' line that is not the metrics. */
interface Skeleton {
  namespace: string;
  timestamp: number | undefined;
  dimensions: string[][];
  rest: Record<string, unknown>;
}

interface InvocationState {
  metrics: Record<string, StoredMetric>;
  count: number;
  /** Keys this invocation added as dimensions or metadata, by the source Powertools names in collision errors. */
  keys: Map<string, KeySource> | undefined;
  /** Dimensions, metadata or a timestamp were added: the skeleton must be read again. */
  own: boolean;
}

interface MetricsInternals {
  namespace?: string;
  disabled: boolean;
  isSingleMetric: boolean;
  shouldThrowOnEmptyMetrics: boolean;
  console: unknown;
  storeMetric(name: string, unit: string, value: number, resolution: number): void;
  serializeMetrics(): EmfObject;
  publishStoredMetrics(): Metrics;
}

export interface FastMetrics {
  /** Writes the stored metrics (if any) as one EMF line and starts empty; true when written. */
  flush(): boolean;
}

/** The installed fast path of a Metrics, if any. */
export function fastMetricsOf(metrics: Metrics): FastMetrics | undefined {
  return (metrics as unknown as Record<symbol, FastMetrics | undefined>)[INSTALLED];
}

/** Returns why the fast path is off for this Metrics, or undefined when it is on. */
export function installMetricsFastPath(metrics: Metrics): string | undefined {
  if (fastMetricsOf(metrics) !== undefined) return undefined;
  const internals = metrics as unknown as MetricsInternals & Record<string, unknown>;
  if (Object.getPrototypeOf(metrics) !== Metrics.prototype) return 'the Metrics is a subclass or another copy of Powertools';
  if (internals.isSingleMetric) return 'a single-metric Metrics publishes on every addMetric';
  if (internals.console === globalThis.console) return 'POWERTOOLS_DEV prints through the global console';
  if (!internals.namespace) return 'no namespace (Powertools warns on every flush)';

  const original = {
    serialize: internals.serializeMetrics,
    publish: internals.publishStoredMetrics,
    clearMetrics: internals.clearMetrics as () => void,
    clearDimensions: internals.clearDimensions as () => void,
    clearMetadata: internals.clearMetadata as () => void,
  };
  const state = new Scoped<InvocationState>(() => ({ metrics: {}, count: 0, keys: undefined, own: false }), true);
  let clean: Skeleton | undefined;

  const readSkeleton = (): Skeleton => {
    const throwOnEmpty = internals.shouldThrowOnEmptyMetrics;
    internals.shouldThrowOnEmptyMetrics = false;
    let emf: EmfObject;
    try {
      emf = original.serialize.call(metrics);
    } finally {
      internals.shouldThrowOnEmptyMetrics = throwOnEmpty;
    }
    const { _aws, ...rest } = emf;
    const directive = _aws.CloudWatchMetrics[0]!;
    return { namespace: directive.Namespace, timestamp: _aws.Timestamp, dimensions: directive.Dimensions, rest };
  };

  const skeletonFor = (current: InvocationState): Skeleton => {
    if (current.own) return readSkeleton();
    if (clean === undefined || clean.namespace !== internals.namespace) clean = { ...readSkeleton(), timestamp: undefined };
    return clean;
  };

  const forget = (current: InvocationState): void => {
    current.metrics = {};
    current.count = 0;
    if (current.own) {
      // What this invocation added lives in Powertools' stores: clear them as publish does.
      original.clearMetrics.call(metrics);
      original.clearDimensions.call(metrics);
      original.clearMetadata.call(metrics);
      current.keys = undefined;
      current.own = false;
    }
  };

  const serialize = (current: InvocationState): EmfObject => {
    const skeleton = skeletonFor(current);
    const definitions: unknown[] = [];
    const values: Record<string, unknown> = {};
    for (const name in current.metrics) {
      const metric = current.metrics[name]!;
      definitions.push(metric.resolution === 1 ? { Name: metric.name, Unit: metric.unit, StorageResolution: 1 } : { Name: metric.name, Unit: metric.unit });
      values[metric.name] = metric.value;
    }
    // The default dimensions: the clean skeleton's keys when known, else the line's keys
    // this invocation did not add.
    const defaults = clean?.rest ?? withoutKeys(skeleton.rest, current.keys);
    for (const name in values) {
      const source = collisionSource(name, current.keys, defaults);
      if (source !== undefined) throw new Error(`EMF key collision on "${name}": registered as both a metric (number) and a ${source} (string)`);
    }
    return {
      _aws: {
        Timestamp: skeleton.timestamp ?? Date.now(),
        CloudWatchMetrics: [{ Namespace: skeleton.namespace, Dimensions: skeleton.dimensions, Metrics: definitions }],
      },
      ...skeleton.rest,
      ...values,
    };
  };

  // While only the default dimensions apply, the line's text is mostly the same every time.
  const text = new EmfText();
  const lineOf = (current: InvocationState): string =>
    (current.own ? undefined : text.line(skeletonFor(current), current.metrics, Date.now(), () => serialize(current))) ??
    JSON.stringify(serialize(current));

  const publish = (current: InvocationState): boolean => {
    let written = false;
    try {
      if (!internals.disabled && current.count > 0) {
        writeLine(process.stdout, lineOf(current) + '\n');
        written = true;
      }
    } finally {
      forget(current);
    }
    return written;
  };

  define(metrics, 'storeMetric', function (this: Metrics, name: unknown, unit: unknown, value: unknown, resolution: unknown) {
    checkMetric(name, unit, value, resolution, UNITS, RESOLUTIONS);
    let current = state.get();
    if (current.count >= MAX_METRICS) {
      this.publishStoredMetrics();
      current = state.get();
    }
    const known = current.metrics[name as string];
    if (known === undefined) {
      current.metrics[name as string] = { name: name as string, unit: unit as string, value: value as number, resolution: resolution as number };
      current.count++;
      return;
    }
    if (known.unit !== unit) {
      throw new Error(`Metric "${known.name}" has already been added with unit "${known.unit}", but we received unit "${String(unit)}". Did you mean to use metric unit "${known.unit}"?`);
    }
    if (!Array.isArray(known.value)) known.value = [known.value];
    known.value.push(value as number);
    if (known.value.length === MAX_VALUES) this.publishStoredMetrics();
  });
  define(metrics, 'hasStoredMetrics', () => state.get().count > 0);
  define(metrics, 'serializeMetrics', function (this: Metrics) {
    const current = state.get();
    return current.count === 0 ? original.serialize.call(this) : serialize(current);
  });
  define(metrics, 'publishStoredMetrics', function (this: Metrics) {
    const current = state.get();
    if (current.count === 0) {
      // Nothing stored: Powertools' own publish (its warning, or its throwOnEmptyMetrics error).
      try {
        return original.publish.call(this);
      } finally {
        current.keys = undefined;
        current.own = false;
      }
    }
    publish(current);
    return this;
  });
  define(metrics, 'clearMetrics', function (this: Metrics) {
    const current = state.get();
    current.metrics = {};
    current.count = 0;
    original.clearMetrics.call(this);
  });
  for (const [method, source] of [['addDimension', 'dimension'], ['addDimensions', 'dimension set'], ['addMetadata', 'metadata']] as const) {
    const before = internals[method] as (...args: unknown[]) => unknown;
    define(metrics, method, function (this: Metrics, ...args: unknown[]) {
      const result = before.apply(this, args);
      const current = state.get();
      current.own = true;
      const keys = (current.keys ??= new Map());
      const names = method === 'addDimensions' ? Object.keys((args[0] ?? {}) as object) : [String(args[0])];
      for (const key of names) noteKey(keys, key, source);
      return result;
    });
  }
  for (const method of ['setTimestamp', 'clearDimensions', 'clearMetadata']) {
    const before = internals[method] as (...args: unknown[]) => unknown;
    define(metrics, method, function (this: Metrics, ...args: unknown[]) {
      const result = before.apply(this, args);
      state.get().own = true;
      return result;
    });
  }
  for (const method of ['setDefaultDimensions', 'clearDefaultDimensions', 'setNamespace']) {
    const before = internals[method] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof before !== 'function') continue;
    define(metrics, method, function (this: Metrics, ...args: unknown[]) {
      clean = undefined;
      return before.apply(this, args);
    });
  }

  // Dimensions or metadata added before this point (at module scope) are in Powertools'
  // stores: the first flush reads them and clears them, as Powertools' first publish would.
  state.get().own = true;
  const fast: FastMetrics = { flush: () => publish(state.get()) };
  Object.defineProperty(metrics, INSTALLED, { value: fast });
  return undefined;
}

function withoutKeys(record: Record<string, unknown>, keys: Map<string, KeySource> | undefined): Record<string, unknown> {
  if (keys === undefined) return record;
  const kept: Record<string, unknown> = {};
  for (const key in record) if (!keys.has(key)) kept[key] = record[key];
  return kept;
}

function define(target: object, name: string, value: (...args: any[]) => unknown): void {
  Object.defineProperty(target, name, { configurable: true, writable: true, value });
}
