/** A correlation-id or redaction path that the path syntax does not accept. */
export class InvalidPathError extends SyntaxError {
  override readonly name = 'InvalidPathError';
}

/** logging() was given an option it cannot use. */
export class InvalidLoggingOptionError extends TypeError {
  override readonly name = 'InvalidLoggingOptionError';
}
