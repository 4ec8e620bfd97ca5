// A condition after which the runtime must exit so the platform can restart it.
export class FatalRuntimeError extends Error {
  /** The stable name to match on: `error.name === 'FatalRuntimeError'`. */
  override readonly name = 'FatalRuntimeError';
  constructor(
    message: string,
    readonly exitCode: number,
    /** What went wrong, without the "exiting" conclusion: for callers that decide not to exit. */
    readonly problem: string = message,
  ) {
    super(message);
  }
}

/** Exit codes, documented in the README. */
export const EXIT = {
  /** The Runtime API failed (500, unreachable, broken protocol). */
  runtimeApi: 1,
  /** Init failed and was reported to /init/error. */
  initError: 2,
  /** An unhandled promise rejection (as the platform's 3.x client). */
  unhandledRejection: 128,
  /** An uncaught exception (as the platform's 3.x client). */
  uncaughtException: 129,
} as const;
