import type { EnvProblem } from './errors.js';
import { InvalidValue, type AnySpec } from './spec.js';

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; problem: EnvProblem };

/**
 * Applies one declaration to one raw value (already decrypted when encrypted). Empty counts
 * as unset: the Lambda console keeps variables with empty values, and "" is never a useful
 * port, URL or flag.
 */
export function parseOne(name: string, spec: AnySpec, raw: string | undefined): ParseOutcome {
  if (raw === undefined || raw === '') {
    if (spec.hasDefault) return { ok: true, value: spec.defaultValue };
    if (spec.optional) return { ok: true, value: undefined };
    return { ok: false, problem: { variable: name, reason: raw === undefined ? 'is not set' : 'is empty' } };
  }
  try {
    return { ok: true, value: spec.parse(raw) };
  } catch (error) {
    const reason = error instanceof InvalidValue ? error.message : `could not be parsed as ${spec.kind}`;
    return { ok: false, problem: { variable: name, reason: `${reason} (declared ${spec.kind})` } };
  }
}
