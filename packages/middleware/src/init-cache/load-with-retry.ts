import { sleep } from '../sleep.js';
import type { ResolvedEntryOptions, RetryOptions } from './options.js';
import { isSignedBeforeFreezeError } from './signed-before-freeze.js';

/**
 * Runs a loader with retries and exponential backoff. The delays are awaited inside a
 * running load, so a freeze only pauses them; nothing depends on a timer firing while
 * the environment is idle.
 */
export async function loadWithRetry<T>(
  options: ResolvedEntryOptions<T>,
  onSignatureRetry: () => void,
): Promise<T> {
  let signatureRetryUsed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.load();
    } catch (error) {
      if (!signatureRetryUsed && isSignedBeforeFreezeError(error)) {
        // Does not count as an attempt: the call was never judged on its merits.
        signatureRetryUsed = true;
        onSignatureRetry();
        attempt--;
        continue;
      }
      if (attempt >= options.retry.attempts || !options.retry.isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt, options.retry));
    }
  }
}

/**
 * Doubling delays with "equal jitter" (half fixed, half random): many environments that
 * failed together do not all retry at the same instant, and no delay collapses to zero.
 */
export function backoffDelay(failedAttempts: number, retry: Required<Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>>): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failedAttempts - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
