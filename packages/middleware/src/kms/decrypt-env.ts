import type { Context } from 'aws-lambda';
import type { Middleware } from '../engine/types.js';
import { EnvNotReadyError } from '../env/errors.js';
import { redactError } from '../redaction/errors.js';
import { KmsDecryptionError } from './errors.js';
import { SecretLoader } from './loader.js';
import { resolveKmsOptions, type KmsOptions } from './options.js';
import { selectVariables, type Selection } from './select.js';

/** Options of `decryptEnv`: which variables, and how they are decrypted. */
export interface DecryptEnvOptions<N extends string> extends KmsOptions, Omit<Selection, 'names'> {
  /** Variables to decrypt; with `as const`, the accessor is typed with these names. */
  names?: readonly N[];
  /** Replace the ciphertexts in process.env with the plaintexts (off by default). */
  exportToProcessEnv?: boolean;
  /** Wrap console methods so that decrypted values are redacted (on by default). */
  redactConsole?: boolean;
  /** Where to read the ciphertexts; process.env by default. */
  env?: Record<string, string | undefined>;
}

/** Decrypted plaintexts by variable name. */
export type SecretValues<N extends string> = Readonly<Record<N, string>>;

/** Decrypted environment variables, from `decryptEnv`: await `ready()` once (at init), then read them. */
export interface DecryptedEnv<N extends string> {
  /** Resolves when every variable is decrypted; rejects with KmsDecryptionError. Retries failures. */
  ready(): Promise<SecretValues<N>>;
  /** The plaintext of one variable; throws EnvNotReadyError before ready() resolved. */
  get(name: N): string;
  /** All plaintexts; throws EnvNotReadyError before ready() resolved. */
  readonly values: SecretValues<N>;
  /** The variables being decrypted. */
  readonly variables: readonly N[];
  /**
   * For our engine and for Middy: waits for decryption before the handler, puts the values on
   * `context[contextKey]` and `request.internal[contextKey]` (key 'secrets' by default), and
   * redacts secrets from errors on their way out.
   */
  middleware<K extends string = 'secrets'>(options?: { contextKey?: K }): Middleware<any, any, Context, { [P in K]: SecretValues<N> }>;
}

/**
 * Decrypts KMS-encrypted environment variables once per environment. Loading starts right
 * away, so calling this at module scope decrypts during the init phase, all variables in
 * parallel; the first invocation then only awaits what is already under way.
 */
export function decryptEnv<const N extends string = string>(options: DecryptEnvOptions<N>): DecryptedEnv<N> {
  const env = options.env ?? process.env;
  const variables = selectVariables(options, env) as N[];
  const loader = new SecretLoader(variables, env, resolveKmsOptions(options, env), options.redactConsole !== false);
  let values: SecretValues<N> | undefined;

  const ready = async (): Promise<SecretValues<N>> => {
    if (values) return values;
    const outcome = await loader.load();
    if (outcome.problems.length > 0) throw new KmsDecryptionError(outcome.problems);
    const result = Object.freeze(Object.fromEntries(variables.map((v) => [v, loader.value(v)!]))) as SecretValues<N>;
    if (options.exportToProcessEnv) for (const v of variables) process.env[v] = result[v];
    values = result;
    return result;
  };
  // Start now (init phase); a failure stays silent until someone awaits ready().
  ready().catch(() => {});

  const current = (what: string): SecretValues<N> => {
    if (!values) throw new EnvNotReadyError(what);
    return values;
  };

  return {
    ready,
    get: (name) => {
      const all = current(`Secret ${name}`);
      if (!(name in all)) throw new RangeError(`${name} is not one of the decrypted variables (${variables.join(', ')})`);
      return all[name];
    },
    get values() {
      return current('The decrypted variables');
    },
    variables,
    middleware: (mwOptions) => contextMiddleware(mwOptions?.contextKey ?? 'secrets', ready, 'thaw:decryptEnv'),
  };
}

/** The middleware shape shared by decryptEnv and defineEnv. */
export function contextMiddleware<K extends string, V>(
  key: string,
  load: () => Promise<V>,
  name: string,
): Middleware<any, any, Context, { [P in K]: V }> {
  return {
    name,
    init: () => {
      // Already started at declaration; awaiting here reports an init-phase failure early
      // under our engine without making it fatal: the before hook retries.
      void load().catch(() => {});
    },
    before: async (request) => {
      const loaded = await load();
      (request.context as unknown as Record<string, unknown>)[key] = loaded;
      request.internal[key] = loaded;
    },
    onError: (request) => {
      redactError(request.error);
    },
  };
}
