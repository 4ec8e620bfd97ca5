import { problemListMessage, redactedProblems, type EnvProblem } from '../env/problem-list.js';

/**
 * Some KMS-encrypted variables could not be decrypted. Lists every one with its reason;
 * never a ciphertext or a plaintext. Nothing was written to process.env.
 */
export class KmsDecryptionError extends Error {
  /** The stable name to match on: `error.name === 'KmsDecryptionError'`. */
  override readonly name = 'KmsDecryptionError';
  /** Every variable that could not be decrypted, with the reason (never a ciphertext or a plaintext). */
  readonly problems: readonly EnvProblem[];

  constructor(problems: readonly EnvProblem[]) {
    const count = problems.length === 1 ? '1 encrypted environment variable' : `${problems.length} encrypted environment variables`;
    super(problemListMessage(`${count} could not be decrypted`, problems, 'Fix the cause above; the next invocation retries only the variables that failed.'));
    this.problems = redactedProblems(problems);
  }
}
