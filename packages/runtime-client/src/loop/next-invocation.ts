// GET /next with the fault policy: 200 gives an invocation; connection refused is retried
// briefly (the Runtime API may be starting); anything else is fatal, because a runtime
// that cannot get work must exit for the platform to replace it.
import { isInvocation, type Invocation, type RuntimeApi } from '../api/runtime-api.js';
import { isRetryable, withRetry } from './backoff.js';
import { EXIT, FatalRuntimeError } from './fatal-error.js';

export async function nextInvocation(api: RuntimeApi): Promise<Invocation> {
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
  const detail = answer.body.toString('utf8', 0, Math.min(answer.body.length, 500));
  throw new FatalRuntimeError(
    `The Runtime API answered ${answer.status} to GET /next${answer.status === 200 ? ' without a Lambda-Runtime-Aws-Request-Id header' : ''} (${detail}); exiting so the platform restarts the runtime.`,
    EXIT.runtimeApi,
  );
}

function fatal(error: unknown): FatalRuntimeError {
  const message = error instanceof Error ? error.message : String(error);
  return new FatalRuntimeError(`Cannot get the next invocation: ${message} Exiting.`, EXIT.runtimeApi);
}
