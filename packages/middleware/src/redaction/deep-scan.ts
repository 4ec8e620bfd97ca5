import { containsSecret } from './registry.js';

/**
 * Whether any string reachable from `value` holds a registered secret. Console formatting
 * cuts objects off at depth 2 but a runtime may serialize deeper, so the check walks the
 * whole value (own enumerable properties, Error message/stack/cause, Map/Set entries).
 */
export function deepContainsSecret(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return containsSecret(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Error) {
    if (containsSecret(value.message) || containsSecret(value.stack ?? '')) return true;
    if (deepContainsSecret(value.cause, seen)) return true;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) if (deepContainsSecret(k, seen) || deepContainsSecret(v, seen)) return true;
    return false;
  }
  if (value instanceof Set) {
    for (const v of value) if (deepContainsSecret(v, seen)) return true;
    return false;
  }
  for (const [key, child] of Object.entries(value)) {
    if (containsSecret(key) || deepContainsSecret(child, seen)) return true;
  }
  return false;
}
