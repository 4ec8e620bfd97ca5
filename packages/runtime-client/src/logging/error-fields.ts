// How an Error looks inside a JSON log entry. Shared by the top-level error fields and by
// Errors nested anywhere inside a logged object.
export interface ErrorFields {
  errorType: string;
  errorMessage: string;
  stackTrace: string[];
}

export function errorType(error: Error): string {
  // A subclass that never set `name` still reports "Error"; its constructor name says more.
  if (error.name && error.name !== 'Error') return error.name;
  const ctor = (error as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'Error';
}

export function errorFields(error: Error): ErrorFields {
  return {
    errorType: errorType(error),
    errorMessage: String(error.message),
    stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
  };
}

/**
 * JSON.stringify replacer: Errors (which stringify to `{}`) become their fields plus their
 * own enumerable properties (a `code`, a `statusCode`), and a `cause` chain is kept.
 */
export function replaceErrors(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const out: Record<string, unknown> = { ...errorFields(value), ...value };
  if (value.cause !== undefined) out['cause'] = value.cause;
  return out;
}
