// Init failures with the error types and messages the official client reports on
// /init/error: callers compare them, so the messages are the platform's, verbatim. Our own
// diagnosis (which file, which exports, what to do) travels beside the error (see
// explanation.ts) and is logged on its own line.

class InitError extends Error {
  constructor(name: string, message: string) {
    super(message);
    // An own property, as in the official client: it shows in the "Init Error" log line.
    this.name = name;
  }
}

export class MalformedHandlerNameError extends InitError {
  constructor(message: string) {
    super('Runtime.MalformedHandlerName', message);
  }
}

/** A module that cannot be found: the message is String() of Node's resolution error. */
export class ImportModuleError extends InitError {
  constructor(original: unknown) {
    super('Runtime.ImportModuleError', safeString(original));
  }
}

/** A syntax error in the function's code: String() of the SyntaxError, and its stack. */
export class UserCodeSyntaxError extends InitError {
  constructor(original: SyntaxError) {
    super('Runtime.UserCodeSyntaxError', safeString(original));
    if (typeof original.stack === 'string') this.stack = original.stack;
  }
}

export class HandlerNotFoundError extends InitError {
  constructor(message: string) {
    super('Runtime.HandlerNotFound', message);
  }
}

/** A callback-style handler where the platform no longer runs them (see callback-handlers.ts). */
export class CallbackHandlerDeprecatedError extends InitError {
  constructor(message: string) {
    super('Runtime.CallbackHandlerDeprecated', message);
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[an error that cannot be converted to a string]';
  }
}
