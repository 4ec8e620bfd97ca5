/** `.use()` got something that is not a middleware object with at least one hook. */
export class InvalidMiddlewareError extends TypeError {
  /** The stable name to match on: `error.name === 'InvalidMiddlewareError'`. */
  override readonly name = 'InvalidMiddlewareError';
}

/** The invocation reached its deadline margin while `deadline.failInvocation` was on. */
export class DeadlineExceededError extends Error {
  /** The stable name to match on: `error.name === 'DeadlineExceededError'`. */
  override readonly name = 'DeadlineExceededError';
  /** @param marginMs How long before the platform's timeout the invocation was stopped (the `deadline.marginMs` option). */
  constructor(readonly marginMs: number) {
    super(
      `The invocation was stopped ${marginMs} ms before the Lambda timeout. ` +
        'Raise the function timeout, make the handler honour its abort signal, or lower deadline.marginMs.',
    );
  }
}

/** The engine was configured with a value it cannot use. */
export class InvalidEngineOptionError extends RangeError {
  /** The stable name to match on: `error.name === 'InvalidEngineOptionError'`. */
  override readonly name = 'InvalidEngineOptionError';
}

/** The chain was invoked or finished without a handler function. */
export class MissingHandlerError extends TypeError {
  /** The stable name to match on: `error.name === 'MissingHandlerError'`. */
  override readonly name = 'MissingHandlerError';
}
