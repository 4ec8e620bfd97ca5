// GET /next with the fault policy. 200 gives an invocation. What a failure means depends on
// the environment:
// - one invocation at a time (on-demand, provisioned): a refused connection is retried
//   briefly (the Runtime API may be starting); a 500 or a broken answer ends the process,
//   as the platform asks, so that it restarts the runtime;
// - Managed Instances: the process serves many invocations and its init may have taken
//   minutes, so 5xx answers and broken connections are retried with backoff (100 ms
//   doubling to 5 s, with jitter, about 26 s in all) before the process gives up.
// A 4xx or a malformed answer is never retried: asking again cannot change it.
import { RuntimeApiConnectionError } from '../api/errors.js';
import { isInvocation, type HttpResponse, type Invocation, type RuntimeApi } from '../api/runtime-api.js';
import { isRetryable, withRetry } from './backoff.js';
import { EXIT, FatalRuntimeError } from './fatal-error.js';
import { reportNextFailure, reportNextRecovered } from './next-outage.js';
import { parkForever, pollingStopped } from './polling.js';
import { sleep } from './sleep.js';

export interface NextPolicy {
  managedInstances: boolean;
  /** Delays between attempts under Managed Instances (tests shorten them). */
  delaysMs?: readonly number[];
}

/** 100 ms doubling to 5 s: about 26 s before a Managed Instances runtime gives up. */
export const MANAGED_NEXT_DELAYS_MS: readonly number[] = [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000];

export async function nextInvocation(api: RuntimeApi, policy: NextPolicy): Promise<Invocation> {
  if (pollingStopped()) return parkForever();
  try {
    return await (policy.managedInstances ? nextWithBackoff(api, policy.delaysMs ?? MANAGED_NEXT_DELAYS_MS) : nextOrExit(api));
  } catch (error) {
    // The runtime is dying and closed this connection itself: nothing to report.
    if (pollingStopped()) return parkForever();
    throw error;
  }
}

async function nextOrExit(api: RuntimeApi): Promise<Invocation> {
  let answer;
  try {
    answer = await api.next();
  } catch (error) {
    if (!isRetryable(error)) throw fatal(error);
    try {
      answer = await withRetry(() => api.next());
    } catch (again) {
      throw fatal(again);
    }
  }
  if (isInvocation(answer)) return answer;
  throw refusal(answer);
}

async function nextWithBackoff(api: RuntimeApi, delaysMs: readonly number[]): Promise<Invocation> {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    let failure: string;
    try {
      const answer = await api.next();
      if (isInvocation(answer)) {
        if (attempt > 0) reportNextRecovered(Date.now() - startedAt);
        return answer;
      }
      if (answer.status < 500) throw refusal(answer);
      failure = `the Runtime API answered ${answer.status} (${detailOf(answer)})`;
    } catch (error) {
      if (!(error instanceof RuntimeApiConnectionError) || pollingStopped()) throw error instanceof FatalRuntimeError ? error : fatal(error);
      failure = error.message;
    }
    const delay = delaysMs[attempt];
    if (delay === undefined) {
      throw new FatalRuntimeError(
        `GET /next kept failing for ${Math.round((Date.now() - startedAt) / 100) / 10} s (${attempt + 1} attempts; last: ${failure}); exiting so the platform replaces the environment.`,
        EXIT.runtimeApi,
      );
    }
    reportNextFailure(failure, delaysMs);
    // Jitter: many loops retrying in step would hit a recovering Runtime API all at once.
    await sleep(delay / 2 + Math.random() * (delay / 2));
  }
}

function detailOf(answer: HttpResponse): string {
  return answer.body.toString('utf8', 0, Math.min(answer.body.length, 500));
}

function refusal(answer: HttpResponse): FatalRuntimeError {
  return new FatalRuntimeError(
    `The Runtime API answered ${answer.status} to GET /next${answer.status === 200 ? ' without a Lambda-Runtime-Aws-Request-Id header' : ''} (${detailOf(answer)}); exiting so the platform restarts the runtime.`,
    EXIT.runtimeApi,
  );
}

function fatal(error: unknown): FatalRuntimeError {
  const message = error instanceof Error ? error.message : String(error);
  return new FatalRuntimeError(`Cannot get the next invocation: ${message} Exiting.`, EXIT.runtimeApi);
}
