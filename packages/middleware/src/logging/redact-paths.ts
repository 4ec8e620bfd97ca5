import { compilePath, type Step } from './path.js';

/** What a redacted field of a logged event reads: the same marker as secret redaction. */
export const REDACTED_FIELD = '[redacted]';

export type EventRedactor = (event: unknown) => unknown;

/**
 * Builds a function that returns a copy of an event with the chosen paths replaced by
 * '[redacted]'. Copy-on-write: only the objects along a redacted path are copied, so the
 * handler's event is never changed and large untouched branches are shared, not cloned.
 */
export function eventRedactor(paths: readonly string[]): EventRedactor {
  const compiled = paths.map((path) => compilePath(path, { wildcards: true, alternatives: false })[0]!);
  if (compiled.length === 0) return (event) => event;
  return (event) => {
    let result = event;
    for (const steps of compiled) result = redactAt(result, steps, 0);
    return result;
  };
}

function redactAt(value: unknown, steps: Step[], depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const step = steps[depth]!;
  const last = depth === steps.length - 1;
  const replace = (child: unknown) => (last ? (child === undefined ? undefined : REDACTED_FIELD) : redactAt(child, steps, depth + 1));
  if (Array.isArray(value)) {
    if (step.kind === 'key') return value;
    const copy = value.slice();
    const indexes = step.kind === 'any' ? copy.keys() : [step.index < 0 ? copy.length + step.index : step.index];
    for (const i of indexes) if (i >= 0 && i < copy.length) copy[i] = replace(copy[i]);
    return copy;
  }
  if (step.kind === 'index') return value;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...record };
  const keys = step.kind === 'any' ? Object.keys(copy) : Object.hasOwn(copy, step.name) ? [step.name] : [];
  for (const key of keys) copy[key] = replace(copy[key]);
  return copy;
}
