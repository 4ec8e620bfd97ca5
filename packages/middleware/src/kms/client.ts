import type { KmsClientLike } from './options.js';

/**
 * The AWS SDK's KMS client, loaded on first use: importing it costs tens of milliseconds of
 * cold start, which functions that never decrypt must not pay. One client per environment,
 * so its connection pool (and its TLS session) is reused by every decryption.
 */
type Sdk = typeof import('@aws-sdk/client-kms');

let sdk: Promise<Sdk> | undefined;
let shared: KmsClientLike | undefined;

export function loadSdk(): Promise<Sdk> {
  sdk ??= import('@aws-sdk/client-kms').catch((error: unknown) => {
    sdk = undefined;
    throw new Error(
      '@aws-sdk/client-kms could not be loaded: it is provided by the managed Node.js runtimes; ' +
        'elsewhere add it to your function (npm install @aws-sdk/client-kms).',
      { cause: error },
    );
  });
  return sdk;
}

export async function sharedClient(env: Record<string, string | undefined>): Promise<KmsClientLike> {
  if (shared) return shared;
  const { KMSClient } = await loadSdk();
  const endpoint = env.AWS_ENDPOINT_URL_KMS ?? env.AWS_ENDPOINT_URL;
  shared ??= new KMSClient({
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    // The SDK reads AWS_ENDPOINT_URL_KMS itself too; passing it keeps one source of truth.
    ...(endpoint ? { endpoint } : {}),
    // Retries are ours: the reasons must say "throttled after N attempts" and the signature
    // retry must re-sign, which needs one attempt per send.
    maxAttempts: 1,
  });
  return shared;
}

/** For tests: drop the shared client so the next use reads the environment again. */
export function resetSharedClient(): void {
  shared = undefined;
}
