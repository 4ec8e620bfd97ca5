import {
  KMSClient,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import type { LocalKms } from '@thaw/emulator';

/** A real SDK client pointed at the stand-in, one attempt per send so every call is visible. */
export function sdkClient(kms: LocalKms, overrides: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({ endpoint: kms.endpoint, region: kms.region, credentials: kms.credentials, maxAttempts: 1, ...overrides });
}

/** Captures the error a promise rejects with (and fails if it does not). */
export async function failure<T = Error & { name: string; $metadata?: { httpStatusCode?: number } }>(p: Promise<unknown>): Promise<T> {
  try {
    await p;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected a rejection');
}
