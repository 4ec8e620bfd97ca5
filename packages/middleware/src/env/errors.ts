import { problemListMessage, redactedProblems, type EnvProblem } from './problem-list.js';

export type { EnvProblem } from './problem-list.js';

/**
 * The function's environment does not match its declaration. Thrown once, at init, listing
 * every variable at fault, so one deploy fixes them all.
 */
export class EnvConfigError extends Error {
  /** The stable name to match on: `error.name === 'EnvConfigError'`. */
  override readonly name = 'EnvConfigError';
  /** Every variable at fault, with the reason (never a value). */
  readonly problems: readonly EnvProblem[];

  constructor(problems: readonly EnvProblem[]) {
    const count = problems.length === 1 ? '1 environment variable is' : `${problems.length} environment variables are`;
    super(problemListMessage(`${count} missing or invalid`, problems, 'Set or fix them in the function configuration (values are never shown here).'));
    this.problems = redactedProblems(problems);
  }
}

/** A value was read before `ready()` resolved. */
export class EnvNotReadyError extends Error {
  /** The stable name to match on: `error.name === 'EnvNotReadyError'`. */
  override readonly name = 'EnvNotReadyError';
  constructor(what: string) {
    super(`${what} was read before the environment finished loading: await ready() (or use the middleware) first.`);
  }
}
