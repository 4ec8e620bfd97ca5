// Turns an invocation's outcome into Runtime API calls, and applies the fault policy to
// the answers: 202 done; 413 reported as Function.ResponseSizeTooLarge (the official
// client drops it and the caller never learns why); 400/403 logged (the platform already
// considers the invocation finished or unknown); 500 fatal.
import { RuntimeApiConnectionError } from '../api/errors.js';
import type { ErrorReport, HttpResponse, RuntimeApi } from '../api/runtime-api.js';
import { errorReport, RuntimeError } from '../invocation/error-report.js';
import type { Outcome } from '../invocation/outcome.js';
import { EXIT, FatalRuntimeError } from './fatal-error.js';

/** The largest buffered response the platform accepts (6 MiB + 100 bytes). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

export async function reportOutcome(api: RuntimeApi, requestId: string, outcome: Outcome): Promise<void> {
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
      `The response is ${outcome.body.length} bytes, more than the ${MAX_RESPONSE_BYTES} bytes Lambda accepts for a buffered response. Return less data, store it (for example in S3) and return a reference, or stream the response.`,
    );
    const report = errorReport(error);
    console.error('Invoke Error', JSON.stringify({ errorType: report.parsed.errorType, errorMessage: report.parsed.errorMessage, requestId }));
    await postError(api, requestId, report);
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
    throw new FatalRuntimeError(`The Runtime API answered ${answer.status} to ${what} (${detail}); exiting so the platform restarts the runtime.`, EXIT.runtimeApi);
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
      throw new FatalRuntimeError(`${what} failed twice: ${(again as Error).message} Exiting so the platform restarts the runtime.`, EXIT.runtimeApi);
    }
  }
}
