// Turns an invocation's outcome into Runtime API calls, and applies the fault policy to
// the answers: 202 done; 413 reported as Function.ResponseSizeTooLarge (the official
// client drops it and the caller never learns why); 400/403 logged (the platform already
// considers the invocation finished or unknown); 500 fatal, except under Managed Instances,
// where exiting would kill every other invocation in flight: there the failure is logged
// and the loop goes on (if the Runtime API is really gone, GET /next decides, with backoff).
import { RuntimeApiConnectionError } from '../api/errors.js';
import type { ErrorReport, HttpResponse, Invocation, RuntimeApi } from '../api/runtime-api.js';
import { errorReport, RuntimeError } from '../invocation/error-report.js';
import { scopeOf } from '../invocation/invoke.js';
import { logInvocationError } from '../invocation/log-error.js';
import { runInInvocation } from '../invocation/store.js';
import type { Outcome } from '../invocation/outcome.js';
import { EXIT, FatalRuntimeError } from './fatal-error.js';

/** The largest buffered response the platform accepts (6 MiB + 100 bytes). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

export async function reportOutcome(api: RuntimeApi, invocation: Invocation, outcome: Outcome, managedInstances = false): Promise<void> {
  if (!managedInstances) return report(api, invocation, outcome);
  try {
    await report(api, invocation, outcome);
  } catch (error) {
    if (!(error instanceof FatalRuntimeError)) throw error;
    console.error(`${error.problem}; the result of invocation ${invocation.requestId} is lost. The other invocations go on.`);
  }
}

async function report(api: RuntimeApi, invocation: Invocation, outcome: Outcome): Promise<void> {
  const { requestId } = invocation;
  if (outcome.kind === 'streamed') return;
  if (outcome.kind === 'error') {
    await postError(api, requestId, outcome.report);
    return;
  }
  const answer = await postRetryingOnce(`POST /response for ${requestId}`, () => api.respond(requestId, outcome.body));
  if (answer.status === 202) return;
  if (answer.status === 413) {
    const error = new RuntimeError(
      'Function.ResponseSizeTooLarge',
      `The response is ${Buffer.byteLength(outcome.body, 'utf8')} bytes, more than the ${MAX_RESPONSE_BYTES} bytes Lambda accepts for a buffered response. Return less data, store it (for example in S3) and return a reference, or stream the response.`,
    );
    const report = errorReport(error);
    runInInvocation(scopeOf(invocation), logInvocationError, 'Invoke Error', error);
    // The platform may already have told the caller (it then answers 403 here); posting
    // anyway makes sure the reason reaches the caller where it has not.
    const followUp = await postRetryingOnce(`POST /error for ${requestId}`, () => api.fail(requestId, report));
    if (followUp.status !== 202 && followUp.status !== 403) handleRefusal(followUp, `the error of invocation ${requestId}`);
    return;
  }
  handleRefusal(answer, `the response of invocation ${requestId}`);
}

async function postError(api: RuntimeApi, requestId: string, report: ErrorReport): Promise<void> {
  const answer = await postRetryingOnce(`POST /error for ${requestId}`, () => api.fail(requestId, report));
  if (answer.status !== 202) handleRefusal(answer, `the error of invocation ${requestId}`);
}

function handleRefusal(answer: HttpResponse, what: string): void {
  const detail = answer.body.toString('utf8', 0, Math.min(answer.body.length, 500));
  if (answer.status >= 500) {
    const problem = `The Runtime API answered ${answer.status} to ${what} (${detail})`;
    throw new FatalRuntimeError(`${problem}; exiting so the platform restarts the runtime.`, EXIT.runtimeApi, problem);
  }
  // 400 unknown id / 403 already answered: nothing to retry, the loop goes on.
  console.warn(`The Runtime API refused ${what} with ${answer.status}: ${detail}`);
}

/**
 * A connection reset while posting leaves us not knowing whether the platform got it.
 * Posting again on a fresh connection is safe: a duplicate gets a 403, which we log.
 */
async function postRetryingOnce(what: string, post: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await post();
  } catch (error) {
    if (!(error instanceof RuntimeApiConnectionError)) throw error;
    try {
      return await post();
    } catch (again) {
      const problem = `${what} failed twice: ${(again as Error).message}`;
      throw new FatalRuntimeError(`${problem} Exiting so the platform restarts the runtime.`, EXIT.runtimeApi, problem);
    }
  }
}
