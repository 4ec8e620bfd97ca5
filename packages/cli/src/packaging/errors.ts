/**
 * Packaging failed for a reason the user can act on (a build error, a Lambda limit, a
 * download that did not work). Printed as a clear message with exit code 1; unlike
 * UsageError (exit 2) the command line itself was fine.
 */
export class PackagingError extends Error {
  override readonly name: string = 'PackagingError';
}

/** A Lambda size limit would be exceeded; `limit` names which one. */
export class LambdaLimitError extends PackagingError {
  /** The stable name to match on: `error.name === 'LambdaLimitError'`. */
  override readonly name = 'LambdaLimitError';
  constructor(
    message: string,
    readonly limit: 'zipped-direct-upload' | 'unzipped-total',
  ) {
    super(message);
  }
}
