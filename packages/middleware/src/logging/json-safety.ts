/**
 * Whether JSON.stringify without a replacer prints a value exactly as Powertools' replacer
 * would. That replacer formats Error objects, prints BigInts as strings and drops circular
 * references; a value with none of those (and no custom toJSON, whose result the replacer
 * would see) prints the same either way, at a fraction of the cost: a replacer is a call
 * back into JavaScript for every key. When this says no, the line takes Powertools' path.
 */
const MAX_DEPTH = 64;

export function printsSameWithoutReplacer(value: unknown): boolean {
  return check(value, [], 0);
}

function check(value: unknown, ancestors: object[], depth: number): boolean {
  if (typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (value instanceof Date) return (value as { toJSON?: unknown }).toJSON === Date.prototype.toJSON;
  if (value instanceof Error || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (depth >= MAX_DEPTH || ancestors.includes(value)) return false;
  ancestors.push(value);
  let same = true;
  if (Array.isArray(value)) {
    for (let i = 0; same && i < value.length; i++) same = check(value[i], ancestors, depth + 1);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!check(record[key], ancestors, depth + 1)) {
        same = false;
        break;
      }
    }
  }
  ancestors.pop();
  return same;
}
