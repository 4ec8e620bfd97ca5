import { redact } from '../redaction/registry.js';

/** One variable that could not be used, and why (never its value). */
export interface EnvProblem {
  /** The variable's name. */
  variable: string;
  /** Why it could not be used: missing, what was expected, or why decryption failed. */
  reason: string;
}

export function listProblems(problems: readonly EnvProblem[]): string {
  return problems.map((p) => `  - ${p.variable}: ${redact(p.reason)}`).join('\n');
}

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
    super(
      `${count} missing or invalid:\n${listProblems(problems)}\n` +
        'Set or fix them in the function configuration (values are never shown here).',
    );
    this.problems = problems.map((p) => ({ variable: p.variable, reason: redact(p.reason) }));
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
