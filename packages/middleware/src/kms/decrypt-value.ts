import { sleep } from '../sleep.js';
import { loadSdk } from './client.js';
import { rememberContext, rememberedContext, type UsedContext } from './context-memory.js';
import { classify, isRetryable, reasonFor, type FailureKind } from './failures.js';
import type { KmsClientLike, ResolvedKmsOptions } from './options.js';

export class DecryptFailure extends Error {
  /** The stable name to match on: `error.name === 'DecryptFailure'`. */
  override readonly name = 'DecryptFailure';
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}

interface AttemptResult {
  plaintext?: Buffer;
  kind?: FailureKind;
  error?: unknown;
  attempts: number;
}

function backoff(retry: number, options: ResolvedKmsOptions): number {
  // Full jitter: concurrent environments throttled together do not retry in lockstep.
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.random() * ceiling;
}

/**
 * One Decrypt with one context, retried: throttling, 5xx and network errors with backoff up
 * to `attempts`; an InvalidSignatureException once, because a request signed during init and
 * sent after a freeze arrives with a stale signature and only needs signing again.
 */
async function decryptWithRetries(
  client: KmsClientLike,
  blob: Buffer,
  context: Record<string, string> | undefined,
  options: ResolvedKmsOptions,
): Promise<AttemptResult> {
  const { DecryptCommand } = await loadSdk();
  let attempts = 0;
  let signatureRetried = false;
  for (;;) {
    attempts++;
    try {
      const out = (await client.send(
        new DecryptCommand({
          CiphertextBlob: blob,
          ...(context ? { EncryptionContext: context } : {}),
          ...(options.keyId ? { KeyId: options.keyId } : {}),
        }),
      )) as { Plaintext?: Uint8Array };
      if (!out.Plaintext) return { kind: 'other', error: new Error('KMS answered without Plaintext'), attempts };
      return { plaintext: Buffer.from(out.Plaintext), attempts };
    } catch (error) {
      const kind = classify(error);
      if (kind === 'signature' && !signatureRetried) {
        signatureRetried = true;
        continue;
      }
      if (!isRetryable(kind) || attempts >= options.attempts) return { kind, error, attempts };
      await sleep(backoff(attempts - 1, options));
    }
  }
}

function contextsToTry(variable: string, options: ResolvedKmsOptions): UsedContext[] {
  if (options.context === 'function-name') return ['function-name'];
  if (options.context === 'none') return ['none'];
  const first = rememberedContext(variable);
  if (first) return first === 'none' ? ['none', 'function-name'] : ['function-name', 'none'];
  // Console helpers are Lambda's documented way, so their context goes first; without a
  // function name only the no-context form can work.
  return options.functionName ? ['function-name', 'none'] : ['none'];
}

function describeTried(tried: UsedContext[], functionName: string | undefined): string {
  return tried
    .map((c) => (c === 'none' ? 'without encryption context' : `with context LambdaFunctionName=${functionName}`))
    .join(' or ');
}

/** Decrypts one variable's ciphertext, or throws a DecryptFailure saying why. */
export async function decryptValue(
  client: KmsClientLike,
  variable: string,
  blob: Buffer,
  options: ResolvedKmsOptions,
): Promise<string> {
  const order = contextsToTry(variable, options);
  if (options.context === 'function-name' && !options.functionName) {
    throw new DecryptFailure(
      variable,
      "context 'function-name' needs the function name: AWS_LAMBDA_FUNCTION_NAME is not set and no functionName option was given",
    );
  }
  const tried: UsedContext[] = [];
  let last: AttemptResult | undefined;
  for (const used of order) {
    tried.push(used);
    const context = used === 'function-name' ? { LambdaFunctionName: options.functionName! } : undefined;
    last = await decryptWithRetries(client, blob, context, options);
    if (last.plaintext) {
      if (options.context === 'auto') rememberContext(variable, used);
      return last.plaintext.toString('utf8');
    }
    // Only a context mismatch is worth the other context; anything else would fail the same.
    if (last.kind !== 'wrong-context') break;
  }
  throw new DecryptFailure(
    variable,
    reasonFor({
      kind: last!.kind ?? 'other',
      error: last!.error,
      attempts: last!.attempts,
      triedContexts: describeTried(tried, options.functionName),
      functionName: options.functionName,
    }),
  );
}
