/**
 * How ciphertexts were encrypted:
 * - 'function-name': by the Lambda console's encryption helpers, with the encryption context
 *   { LambdaFunctionName: <function name> };
 * - 'none': with the CLI or an SDK, without context;
 * - 'auto': try the function-name context first, then none, and remember per variable which
 *   one worked.
 */
export type ContextMode = 'function-name' | 'none' | 'auto';

/** Retries of KMS calls that failed for a passing reason (throttling, 5xx, network). */
export interface RetryOptions {
  /** Total attempts for throttling, 5xx and network errors (default 4). */
  attempts?: number;
  /** First backoff ceiling; doubles each retry, with full jitter (default 50 ms). */
  baseDelayMs?: number;
  /** Backoff ceiling (default 1000 ms). */
  maxDelayMs?: number;
}

/** The subset of a KMSClient used here, so a caller can pass their own configured client. */
export interface KmsClientLike {
  /** Sends a command, as `KMSClient.send` does. */
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** How KMS-encrypted variables are decrypted. */
export interface KmsOptions {
  /** Which encryption context the ciphertexts were made with; default `auto`. */
  context?: ContextMode;
  /** Defaults to AWS_LAMBDA_FUNCTION_NAME. */
  functionName?: string;
  /** Only accept ciphertexts of this key (KMS answers IncorrectKeyException otherwise). */
  keyId?: string;
  /** Retries of failing Decrypt calls. */
  retry?: RetryOptions;
  /** A KMSClient of your own; by default one shared client is created on first use. */
  client?: KmsClientLike;
}

export interface ResolvedKmsOptions {
  context: ContextMode;
  functionName: string | undefined;
  keyId: string | undefined;
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  client: KmsClientLike | undefined;
}

export function resolveKmsOptions(options: KmsOptions = {}, env: Record<string, string | undefined>): ResolvedKmsOptions {
  const context = options.context ?? 'auto';
  if (!['function-name', 'none', 'auto'].includes(context)) {
    throw new TypeError(`kms.context must be 'function-name', 'none' or 'auto', got ${JSON.stringify(context)}`);
  }
  const attempts = options.retry?.attempts ?? 4;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new TypeError(`kms.retry.attempts must be an integer >= 1, got ${String(attempts)}`);
  }
  return {
    context,
    functionName: options.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME,
    keyId: options.keyId,
    attempts,
    baseDelayMs: Math.max(0, options.retry?.baseDelayMs ?? 50),
    maxDelayMs: Math.max(0, options.retry?.maxDelayMs ?? 1000),
    client: options.client,
  };
}
