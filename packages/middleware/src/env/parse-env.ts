import { EnvConfigError, type EnvProblem } from './errors.js';
import { parseOne } from './parse.js';
import type { EnvSpecs, EnvValues } from './spec.js';

/**
 * The synchronous form for plain variables: validates and returns the typed values, or
 * throws one EnvConfigError. Call it at module scope and a bad configuration fails the init.
 */
export function parseEnv<const S extends EnvSpecs>(specs: S, env: Record<string, string | undefined> = process.env): EnvValues<S> {
  const problems: EnvProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.encrypted) {
      throw new TypeError(`parseEnv cannot decrypt ${name}: use defineEnv(...).ready() for encrypted variables`);
    }
    const parsed = parseOne(name, spec, env[name]);
    if (parsed.ok) out[name] = parsed.value;
    else problems.push(parsed.problem);
  }
  if (problems.length > 0) throw new EnvConfigError(problems);
  return Object.freeze(out) as EnvValues<S>;
}
