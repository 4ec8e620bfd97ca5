import type { Context } from 'aws-lambda';
import type { Middleware } from '../engine/types.js';
import { contextMiddleware } from '../kms/decrypt-env.js';
import { SecretLoader } from '../kms/loader.js';
import { resolveKmsOptions, type KmsOptions } from '../kms/options.js';
import { EnvConfigError, EnvNotReadyError, type EnvProblem } from './errors.js';
import { parseOne } from './parse.js';
import type { EnvSpecs, EnvValues } from './spec.js';

/** Options of `defineEnv`. */
export interface DefineEnvOptions {
  /** How encrypted variables are decrypted (context mode, key, retries, client). */
  kms?: KmsOptions;
  /** Also write decrypted plaintexts into process.env (off by default). */
  exportToProcessEnv?: boolean;
  /** Wrap console methods so that decrypted values are redacted (on by default). */
  redactConsole?: boolean;
  /** Where to read the variables; process.env by default. */
  env?: Record<string, string | undefined>;
}

/** The declared environment, from `defineEnv`: await `ready()` once (at init), then read typed values. */
export interface EnvConfig<S extends EnvSpecs> {
  /** Resolves with the typed values; rejects with one EnvConfigError listing every problem. */
  ready(): Promise<EnvValues<S>>;
  /** One value; throws `EnvNotReadyError` before `ready()` resolved. */
  get<K extends keyof S>(name: K): EnvValues<S>[K];
  /** Every value, typed; throws `EnvNotReadyError` before `ready()` resolved. */
  readonly values: EnvValues<S>;
  /** Puts the values on `context[contextKey]` ('env' by default) before the handler runs. */
  middleware<K extends string = 'env'>(options?: { contextKey?: K }): Middleware<any, any, Context, { [P in K]: EnvValues<S> }>;
}

/**
 * Declares the environment a function needs and validates it once, at init: plain variables
 * are parsed right away, encrypted ones decrypted in parallel and then parsed. Every problem
 * (missing, invalid, undecryptable) lands in one EnvConfigError naming the variables.
 *
 *   const config = defineEnv({
 *     TABLE: envVar.string(),
 *     PORT: envVar.number({ default: 8080, integer: true }),
 *     DB_PASSWORD: envVar.string({ encrypted: true }),
 *   });
 *   const { TABLE, PORT, DB_PASSWORD } = await config.ready();
 */
export function defineEnv<const S extends EnvSpecs>(specs: S, options: DefineEnvOptions = {}): EnvConfig<S> {
  const env = options.env ?? process.env;
  const names = Object.keys(specs);
  const encrypted = names.filter((n) => specs[n]!.encrypted && env[n] !== undefined && env[n] !== '');
  const loader =
    encrypted.length > 0
      ? new SecretLoader(encrypted, env, resolveKmsOptions(options.kms, env), options.redactConsole !== false)
      : undefined;
  let values: EnvValues<S> | undefined;

  const ready = async (): Promise<EnvValues<S>> => {
    if (values) return values;
    const problems: EnvProblem[] = [];
    const decryptFailures = new Map<string, string>();
    if (loader) for (const p of (await loader.load()).problems) decryptFailures.set(p.variable, p.reason);
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const spec = specs[name]!;
      const failure = decryptFailures.get(name);
      if (failure !== undefined) {
        problems.push({ variable: name, reason: `could not be decrypted: ${failure}` });
        continue;
      }
      const raw = spec.encrypted && loader?.variables.includes(name) ? loader.value(name) : env[name];
      const parsed = parseOne(name, spec, raw);
      if (parsed.ok) out[name] = parsed.value;
      else problems.push(parsed.problem);
    }
    if (problems.length > 0) throw new EnvConfigError(problems);
    if (options.exportToProcessEnv && loader) for (const n of loader.variables) process.env[n] = loader.value(n);
    values = Object.freeze(out) as EnvValues<S>;
    return values;
  };
  // Validation and decryption start now, in the init phase; failures wait for ready().
  ready().catch(() => {});

  const current = (): EnvValues<S> => {
    if (!values) throw new EnvNotReadyError('The environment configuration');
    return values;
  };

  return {
    ready,
    get: (name) => current()[name],
    get values() {
      return current();
    },
    middleware: (mwOptions) => contextMiddleware(mwOptions?.contextKey ?? 'env', ready, 'thaw:defineEnv'),
  };
}
