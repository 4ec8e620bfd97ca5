/**
 * Whether JSON.stringify without a replacer prints a value exactly as Powertools' replacer
 * would. That replacer formats Error objects, prints BigInts as strings and drops circular
 * references; a value with none of those (and no custom toJSON, whose result the replacer
 * would see) prints the same either way, at a fraction of the cost: a replacer is a call
 * back into JavaScript for every key. When this says no, the line takes Powertools' path.
 */
const MAX_DEPTH = 64;

export function printsSameWithoutReplacer(value: unknown): boolean {
  return check(value, [], 0, false);
}

/**
 * The same, for a value Powertools deep-merges into the line before printing it: the merge
 * also leaves out `__proto__` and `constructor` keys, so an object holding one does not
 * print the same either.
 */
export function printsSameAfterMerge(value: unknown): boolean {
  return check(value, [], 0, true);
}

function check(value: unknown, ancestors: object[], depth: number, merged: boolean): boolean {
  if (typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (value instanceof Date) return (value as { toJSON?: unknown }).toJSON === Date.prototype.toJSON;
  if (value instanceof Error || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (depth >= MAX_DEPTH || ancestors.includes(value)) return false;
  if (merged && !Array.isArray(value) && (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor'))) return false;
  ancestors.push(value);
  let same = true;
  if (Array.isArray(value)) {
    for (let i = 0; same && i < value.length; i++) same = check(value[i], ancestors, depth + 1, merged);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!check(record[key], ancestors, depth + 1, merged)) {
        same = false;
        break;
      }
    }
  }
  ancestors.pop();
  return same;
}
