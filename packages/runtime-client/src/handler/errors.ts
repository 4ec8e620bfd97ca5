// Init failures with the error types the platform reports on /init/error. The name is
// the type (what users and tools match on); the message names the file and the export.

class InitError extends Error {
  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

export class MalformedHandlerNameError extends InitError {
  constructor(message: string) {
    super('Runtime.MalformedHandlerName', message);
  }
}

export class ImportModuleError extends InitError {
  constructor(message: string, cause?: unknown) {
    super('Runtime.ImportModuleError', message, cause === undefined ? undefined : { cause });
  }
}

export class UserCodeSyntaxError extends InitError {
  constructor(message: string, cause: unknown) {
    super('Runtime.UserCodeSyntaxError', message, { cause });
  }
}

export class HandlerNotFoundError extends InitError {
  constructor(message: string) {
    super('Runtime.HandlerNotFound', message);
  }
}
