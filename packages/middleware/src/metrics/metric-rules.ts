/**
 * Powertools Metrics' own rules for a metric (2.36), with its error types and messages, so
 * that code moving between Powertools' path and the fast path fails the same way.
 */
export type KeySource = 'metadata' | 'default dimension' | 'dimension' | 'dimension set';

export function checkMetric(
  name: unknown,
  unit: unknown,
  value: unknown,
  resolution: unknown,
  units: ReadonlySet<string>,
  resolutions: ReadonlySet<number>,
): void {
  if (typeof name !== 'string') throw new Error(`${String(name)} is not a valid string`);
  if (name.length < 1 || name.length > 255) throw new RangeError('The metric name should be between 1 and 255 characters');
  if (typeof value !== 'number') throw new RangeError(`${String(value)} is not a valid number`);
  if (!units.has(unit as string)) throw new RangeError(`Invalid metric unit '${String(unit)}', expected either option: ${[...units].join(',')}`);
  if (!resolutions.has(resolution as number)) {
    throw new RangeError(`Invalid metric resolution '${String(resolution)}', expected either option: ${[...resolutions].join(',')}`);
  }
}

const RANK: Record<KeySource, number> = { metadata: 0, 'default dimension': 1, dimension: 2, 'dimension set': 3 };

/** Remembers a key's source, keeping the one that wins in the line when a key comes from two. */
export function noteKey(keys: Map<string, KeySource>, key: string, source: KeySource): void {
  const known = keys.get(key);
  if (known === undefined || RANK[source] >= RANK[known]) keys.set(key, source);
}

/**
 * Which source Powertools names when a metric shares its name with a dimension or metadata
 * key: the one that wins in the line (dimension set, then dimension, then default
 * dimension, then metadata), as its collision check does.
 */
export function collisionSource(name: string, added: Map<string, KeySource> | undefined, defaults: Record<string, unknown>): KeySource | undefined {
  const source = added?.get(name);
  const isDefault = Object.hasOwn(defaults, name);
  if (source === undefined) return isDefault ? 'default dimension' : undefined;
  return isDefault && RANK['default dimension'] > RANK[source] ? 'default dimension' : source;
}
