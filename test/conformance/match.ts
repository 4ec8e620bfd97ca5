// The pattern language of case.json (see README.md): returns the first mismatch as a
// readable path + reason, or undefined when the actual value matches.

export function mismatch(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (isObject(expected)) {
    if ('$match' in expected) {
      const source = String(expected['$match']);
      return typeof actual === 'string' && new RegExp(source).test(actual) ? undefined : `${path}: ${show(actual)} does not match /${source}/`;
    }
    if ('$absent' in expected) return actual === undefined ? undefined : `${path}: expected absent, got ${show(actual)}`;
    if ('$type' in expected) return typeof actual === expected['$type'] ? undefined : `${path}: expected a ${String(expected['$type'])}, got ${show(actual)}`;
    if (!isObject(actual)) return `${path}: expected an object, got ${show(actual)}`;
    for (const key of Object.keys(expected)) {
      const found = mismatch(expected[key], actual[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    const prefixOnly = expected[0] === '...';
    const items = prefixOnly ? expected.slice(1) : expected;
    if (prefixOnly ? actual.length < items.length : actual.length !== items.length) {
      return `${path}: expected ${prefixOnly ? 'at least ' : ''}${items.length} items, got ${actual.length}: ${show(actual)}`;
    }
    for (let i = 0; i < items.length; i++) {
      const found = mismatch(items[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
