/** A problem with what the user asked for: printed as one clear line, exit code 2. */
export class UsageError extends Error {
  /** The stable name to match on: `error.name === 'UsageError'`. */
  override readonly name = 'UsageError';
}
