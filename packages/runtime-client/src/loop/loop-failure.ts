import { EXIT, FatalRuntimeError } from './fatal-error.js';

/**
 * Logs why the invocation loops stopped and returns the exit code to end the process with.
 * A FatalRuntimeError already says what went wrong; anything else is a bug, logged with
 * its stack under `who` (the runtime, or one worker thread).
 */
export function logLoopFailure(error: unknown, who: string): number {
  if (error instanceof FatalRuntimeError) {
    console.error(error.message);
    return error.exitCode;
  }
  console.error(`${who} failed: ${(error as Error)?.stack ?? String(error)}`);
  return EXIT.runtimeApi;
}
