// Failures are logged where they happen, inside the invocation's async scope, so the log
// line carries the request id. The entry's shape is the official client's (see
// logging/error-entry.ts): "Invoke Error" + the error as JSON is what Lambda users grep for.
import { logErrorEntry } from '../logging/error-entry.js';

export function logInvocationError(title: string, error: unknown): void {
  logErrorEntry(title, error);
}
