/** A correlation-id or redaction path that the path syntax does not accept. */
export class InvalidPathError extends SyntaxError {
  /** The stable name to match on: `error.name === 'InvalidPathError'`. */
  override readonly name = 'InvalidPathError';
}

/** logging() was given an option it cannot use. */
export class InvalidLoggingOptionError extends TypeError {
  /** The stable name to match on: `error.name === 'InvalidLoggingOptionError'`. */
  override readonly name = 'InvalidLoggingOptionError';
}
