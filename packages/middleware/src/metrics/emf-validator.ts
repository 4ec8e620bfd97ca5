/**
 * Checks one line of output against the CloudWatch Embedded Metric Format and its limits,
 * so tests (ours and yours) can assert that every metric line would be accepted:
 * - the line is exactly one JSON object with an `_aws` object;
 * - `Timestamp` is an integer of epoch milliseconds, at most 14 days old and 2 hours ahead;
 * - `CloudWatchMetrics` is a non-empty array of directives, each with a `Namespace`,
 *   `Dimensions` (arrays of names, at most 30 per set: 29 custom plus `service`) and
 *   `Metrics` (1 to 100 per directive, each with a `Name`, a known `Unit`, `StorageResolution` 1 or 60);
 * - every dimension named has a string value at the top level, every metric a number or
 *   an array of 1 to 100 numbers there, and no name is both a dimension and a metric.
 */
export const EMF_LIMITS = {
  /** Most metrics in one `CloudWatchMetrics` directive. */
  metricsPerDirective: 100,
  /** Most values in one metric's array. */
  valuesPerMetric: 100,
  /** Most dimensions in one dimension set. */
  dimensionsPerSet: 30,
  /** Most dimensions of your own in a set (Powertools adds `service`). */
  customDimensions: 29,
  /** How old a timestamp may be. */
  pastMs: 14 * 24 * 60 * 60 * 1000,
  /** How far ahead a timestamp may be. */
  futureMs: 2 * 60 * 60 * 1000,
} as const;

/** The units CloudWatch accepts in EMF. */
export const EMF_UNITS: ReadonlySet<string> = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
]);

/** The verdict of `checkEmfLine`. */
export interface EmfCheck {
  /** True when CloudWatch would accept the line. */
  ok: boolean;
  /** What is wrong with it, one sentence each; empty when `ok`. */
  problems: string[];
  /** The parsed object, when the line is JSON. */
  value?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a line of output is meant as an EMF line (a JSON object with `_aws`). */
export function isEmfLine(line: string): boolean {
  return line.startsWith('{') && line.includes('"_aws"');
}

/** Checks one line of output against the Embedded Metric Format and its limits (see `EMF_LIMITS`), as of `now`. */
export function checkEmfLine(line: string, now: number = Date.now()): EmfCheck {
  const problems: string[] = [];
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problems: ['the line is not one JSON value'] };
  }
  if (!isRecord(value)) return { ok: false, problems: ['the line is not a JSON object'] };
  const aws = value._aws;
  if (!isRecord(aws)) return { ok: false, problems: ['no _aws object'], value };
  const timestamp = aws.Timestamp;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) problems.push('_aws.Timestamp is not an integer of epoch milliseconds');
  else if (timestamp < now - EMF_LIMITS.pastMs) problems.push('_aws.Timestamp is more than 14 days old');
  else if (timestamp > now + EMF_LIMITS.futureMs) problems.push('_aws.Timestamp is more than 2 hours in the future');
  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives) || directives.length === 0) {
    problems.push('_aws.CloudWatchMetrics is not a non-empty array');
    return { ok: false, problems, value };
  }
  directives.forEach((directive, d) => checkDirective(directive, `CloudWatchMetrics[${d}]`, value as Record<string, unknown>, problems));
  return { ok: problems.length === 0, problems, value };
}

function checkDirective(directive: unknown, where: string, root: Record<string, unknown>, problems: string[]): void {
  if (!isRecord(directive)) {
    problems.push(`${where} is not an object`);
    return;
  }
  const { Namespace: namespace, Dimensions: dimensionSets, Metrics: metrics } = directive;
  if (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 1024) {
    problems.push(`${where}.Namespace is not a string of 1 to 1024 characters`);
  }
  const dimensionNames = new Set<string>();
  if (!Array.isArray(dimensionSets)) problems.push(`${where}.Dimensions is not an array`);
  else {
    dimensionSets.forEach((set, s) => {
      if (!Array.isArray(set)) return problems.push(`${where}.Dimensions[${s}] is not an array`);
      if (set.length > EMF_LIMITS.dimensionsPerSet) {
        problems.push(`${where}.Dimensions[${s}] has ${set.length} dimensions (at most ${EMF_LIMITS.dimensionsPerSet})`);
      }
      for (const name of set) {
        if (typeof name !== 'string' || name.length === 0) problems.push(`${where}.Dimensions[${s}] holds a name that is not a string`);
        else {
          dimensionNames.add(name);
          if (typeof root[name] !== 'string') problems.push(`dimension "${name}" has no string value at the top level`);
        }
      }
      return undefined;
    });
  }
  if (!Array.isArray(metrics) || metrics.length === 0) {
    problems.push(`${where}.Metrics is not a non-empty array`);
    return;
  }
  if (metrics.length > EMF_LIMITS.metricsPerDirective) {
    problems.push(`${where}.Metrics has ${metrics.length} metrics (at most ${EMF_LIMITS.metricsPerDirective})`);
  }
  const seen = new Set<string>();
  metrics.forEach((metric, m) => {
    const at = `${where}.Metrics[${m}]`;
    if (!isRecord(metric) || typeof metric.Name !== 'string' || metric.Name.length === 0 || metric.Name.length > 255) {
      return problems.push(`${at} has no Name of 1 to 255 characters`);
    }
    const name = metric.Name;
    if (seen.has(name)) problems.push(`metric "${name}" is declared twice`);
    seen.add(name);
    if (dimensionNames.has(name)) problems.push(`"${name}" is both a dimension and a metric`);
    if (metric.Unit !== undefined && (typeof metric.Unit !== 'string' || !EMF_UNITS.has(metric.Unit))) {
      problems.push(`metric "${name}" has unknown Unit ${JSON.stringify(metric.Unit)}`);
    }
    if (metric.StorageResolution !== undefined && metric.StorageResolution !== 1 && metric.StorageResolution !== 60) {
      problems.push(`metric "${name}" has StorageResolution ${JSON.stringify(metric.StorageResolution)} (1 or 60)`);
    }
    const values = root[name];
    const list = Array.isArray(values) ? values : [values];
    if (Array.isArray(values) && (values.length === 0 || values.length > EMF_LIMITS.valuesPerMetric)) {
      problems.push(`metric "${name}" has ${values.length} values (1 to ${EMF_LIMITS.valuesPerMetric})`);
    }
    if (!list.every((v) => typeof v === 'number' && Number.isFinite(v))) problems.push(`metric "${name}" has a value that is not a finite number`);
    return undefined;
  });
}
