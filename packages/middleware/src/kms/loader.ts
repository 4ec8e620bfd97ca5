import { registerSecret } from '../redaction/registry.js';
import { redactConsole } from '../redaction/console.js';
import type { EnvProblem } from '../env/errors.js';
import { decodeCiphertext } from './base64.js';
import { sharedClient } from './client.js';
import { DecryptFailure, decryptValue } from './decrypt-value.js';
import type { ResolvedKmsOptions } from './options.js';

export interface LoadOutcome {
  values: ReadonlyMap<string, string>;
  problems: EnvProblem[];
}

/**
 * Decrypts a fixed set of variables: all in parallel (so the cold-start cost is about one
 * KMS round trip), single-flight (concurrent first invocations share one load), keeping what
 * succeeded so that a retry after a failure only asks KMS for the variables that failed.
 */
export class SecretLoader {
  readonly #decrypted = new Map<string, string>();
  #inFlight: Promise<LoadOutcome> | undefined;

  constructor(
    readonly variables: readonly string[],
    private readonly env: Record<string, string | undefined>,
    private readonly options: ResolvedKmsOptions,
    private readonly redactConsoleOutput: boolean,
  ) {}

  get complete(): boolean {
    return this.#decrypted.size === this.variables.length;
  }

  value(variable: string): string | undefined {
    return this.#decrypted.get(variable);
  }

  load(): Promise<LoadOutcome> {
    this.#inFlight ??= this.#loadMissing().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #loadMissing(): Promise<LoadOutcome> {
    const missing = this.variables.filter((v) => !this.#decrypted.has(v));
    const problems: EnvProblem[] = [];
    const toDecrypt: Array<[string, Buffer]> = [];
    for (const variable of missing) {
      const raw = this.env[variable];
      if (raw === undefined) problems.push({ variable, reason: 'is not set' });
      else if (raw === '') problems.push({ variable, reason: 'is empty' });
      else {
        const blob = decodeCiphertext(raw);
        if (blob) toDecrypt.push([variable, blob]);
        else problems.push({ variable, reason: 'is not base64: expected the base64 CiphertextBlob of a KMS Encrypt' });
      }
    }
    if (toDecrypt.length > 0) {
      const client = this.options.client ?? (await sharedClient(this.env));
      const settled = await Promise.allSettled(
        toDecrypt.map(async ([variable, blob]) => [variable, await decryptValue(client, variable, blob, this.options)] as const),
      );
      for (const [i, result] of settled.entries()) {
        const variable = toDecrypt[i]![0];
        if (result.status === 'fulfilled') {
          // Registered before anyone can read it, so no log line ever shows it.
          registerSecret(result.value[1]);
          this.#decrypted.set(variable, result.value[1]);
        } else {
          const reason = result.reason instanceof DecryptFailure ? result.reason.reason : 'could not be decrypted';
          problems.push({ variable, reason });
        }
      }
      if (this.redactConsoleOutput && this.#decrypted.size > 0) redactConsole();
    }
    const order = new Map(this.variables.map((v, i) => [v, i]));
    problems.sort((a, b) => (order.get(a.variable) ?? 0) - (order.get(b.variable) ?? 0));
    return { values: this.#decrypted, problems };
  }
}
