/**
 * What an SDK error from Decrypt means for the caller: retry it, try the other context, or
 * give up with a reason a person can act on. Reasons never carry the ciphertext or the
 * plaintext; KMS's own messages name only ARNs and principals.
 */
export type FailureKind =
  | 'throttled'
  | 'server'
  | 'network'
  | 'signature'
  | 'wrong-context'
  | 'access-denied'
  | 'disabled'
  | 'invalid-state'
  | 'not-found'
  | 'incorrect-key'
  | 'credentials'
  | 'other';

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);

export function classify(error: unknown): FailureKind {
  const e = (error ?? {}) as SdkErrorShape;
  switch (e.name) {
    case 'ThrottlingException':
    case 'LimitExceededException':
      return 'throttled';
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return 'signature';
    case 'InvalidCiphertextException':
      return 'wrong-context';
    case 'AccessDeniedException':
      return 'access-denied';
    case 'DisabledException':
      return 'disabled';
    case 'KMSInvalidStateException':
      return 'invalid-state';
    case 'NotFoundException':
      return 'not-found';
    case 'IncorrectKeyException':
      return 'incorrect-key';
    case 'UnrecognizedClientException':
    case 'ExpiredTokenException':
    case 'MissingAuthenticationTokenException':
    case 'CredentialsProviderError':
      return 'credentials';
    case 'KMSInternalException':
    case 'DependencyTimeoutException':
      return 'server';
    case 'TimeoutError':
      return 'network';
  }
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500 || e.$fault === 'server') return 'server';
  if (e.code && NETWORK_CODES.has(e.code)) return 'network';
  return 'other';
}

export function isRetryable(kind: FailureKind): boolean {
  return kind === 'throttled' || kind === 'server' || kind === 'network';
}

export interface ReasonFacts {
  kind: FailureKind;
  error: unknown;
  attempts: number;
  triedContexts: string;
  functionName: string | undefined;
}

export function reasonFor({ kind, error, attempts, triedContexts, functionName }: ReasonFacts): string {
  const e = (error ?? {}) as SdkErrorShape;
  const kmsSays = e.message && e.message !== 'UnknownError' ? ` (KMS: ${e.message})` : '';
  const contextCondition = functionName ? ` with kms:EncryptionContext:LambdaFunctionName = ${functionName}` : '';
  switch (kind) {
    case 'throttled':
      return `throttled by KMS after ${attempts} attempts: raise the KMS request quota or decrypt fewer variables at once`;
    case 'server':
      return `KMS failed with an internal error after ${attempts} attempts (HTTP ${e.$metadata?.httpStatusCode ?? '5xx'})`;
    case 'network':
      return `could not reach KMS after ${attempts} attempts (${e.code ?? e.name ?? 'network error'}): check AWS_REGION, AWS_ENDPOINT_URL_KMS and the function's network access`;
    case 'signature':
      return "KMS refused the request signature twice: check the function's credentials and clock";
    case 'wrong-context':
      return `wrong encryption context: KMS could not decrypt it ${triedContexts}; use context 'function-name' for values encrypted by the Lambda console helpers, 'none' for the CLI, or 'auto'`;
    case 'access-denied':
      return `access denied: the function's role needs kms:Decrypt on the key${contextCondition}${kmsSays}`;
    case 'disabled':
      return `the KMS key is disabled: enable it or re-encrypt the value with an enabled key${kmsSays}`;
    case 'invalid-state':
      return `the KMS key cannot be used in its current state (pending deletion or import)${kmsSays}`;
    case 'not-found':
      return `the KMS key does not exist (deleted, or in another account or region than AWS_REGION)${kmsSays}`;
    case 'incorrect-key':
      return 'the value was encrypted under a different key than the configured keyId';
    case 'credentials':
      return `KMS did not accept the function's credentials (${e.name ?? 'unknown error'})`;
    default:
      return `${e.name ?? 'Error'}: ${e.message ?? 'unknown error'}`;
  }
}
