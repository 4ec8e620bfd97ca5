// Failures are logged where they happen, inside the invocation's async scope, so the log
// line carries the request id. The shape ("Invoke Error" + JSON) is what Lambda users grep for.
import type { ErrorBody } from './error-body.js';

export function logInvocationError(title: string, body: ErrorBody): void {
  console.error(title, JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage, stack: body.trace }));
}
