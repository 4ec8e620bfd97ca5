import { redact } from '../redaction/registry.js';

/** One variable that could not be used, and why (never its value). */
export interface EnvProblem {
  /** The variable's name. */
  variable: string;
  /** Why it could not be used: missing, what was expected, or why decryption failed. */
  reason: string;
}

/**
 * The message of an error about several variables: a headline, one line per variable, and
 * what to do. Reasons are redacted again here because a reason can quote an underlying
 * error (a KMS or parse failure) that might carry a registered secret.
 */
export function problemListMessage(headline: string, problems: readonly EnvProblem[], advice: string): string {
  return `${headline}:\n${problems.map((p) => `  - ${p.variable}: ${redact(p.reason)}`).join('\n')}\n${advice}`;
}

/** The problems as an error keeps them for callers to inspect: copies, reasons redacted. */
export function redactedProblems(problems: readonly EnvProblem[]): readonly EnvProblem[] {
  return problems.map((p) => ({ variable: p.variable, reason: redact(p.reason) }));
}
