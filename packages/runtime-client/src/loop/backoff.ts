// Retrying a Runtime API that does not accept connections yet (or any more): briefly,
// with doubling delays, then give up so the platform sees the exit.
import { RuntimeApiConnectionError } from '../api/errors.js';
import { pollingStopped } from './polling.js';
import { sleep } from './sleep.js';

export const RETRY_DELAYS_MS = [10, 20, 50, 100, 200, 400, 800];

/** Connection refused, or the connection broke before any byte of the answer came back. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RuntimeApiConnectionError && (error.code === 'ECONNREFUSED' || error.beforeAnswer);
}

export async function withRetry<T>(attempt: () => Promise<T>, delays: readonly number[] = RETRY_DELAYS_MS): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delays[i];
      if (delay === undefined || !isRetryable(error) || pollingStopped()) throw error;
      await sleep(delay);
    }
  }
}
