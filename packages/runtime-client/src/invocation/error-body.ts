// Turns anything a handler throws (or passes to a callback) into the Runtime API's
// error body {errorType, errorMessage, trace}. Never throws: a hostile value (getters that
// throw, Object.create(null), cycles in `cause`) still produces a body.

export interface ErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
  /** The `cause` chain, kept because it is usually where the real reason is. */
  cause?: ErrorBody;
}

const MAX_CAUSE_DEPTH = 8;

function safeString(value: unknown, fallback: string): string {
  try {
    return String(value);
  } catch {
    return fallback;
  }
}

function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Errors from other realms (vm, worker messages) fail instanceof; duck-type them. */
export function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  return typeof value === 'object' && value !== null && typeof read(value, 'message') === 'string' && typeof read(value, 'stack') === 'string';
}

export function toErrorBody(value: unknown, seen: Set<unknown> = new Set()): ErrorBody {
  if (!isErrorLike(value)) {
    return { errorType: typeof value, errorMessage: safeString(value, '[a value that cannot be converted to a string]'), trace: [] };
  }
  seen.add(value);
  const name = read(value, 'name');
  const message = read(value, 'message');
  const stack = read(value, 'stack');
  const body: ErrorBody = {
    errorType: typeof name === 'string' && name !== '' ? name : 'Error',
    errorMessage: typeof message === 'string' ? message : safeString(message, ''),
    trace: typeof stack === 'string' ? stack.split('\n') : [],
  };
  const cause = read(value, 'cause');
  if (cause !== undefined && !seen.has(cause) && seen.size < MAX_CAUSE_DEPTH) body.cause = toErrorBody(cause, seen);
  return body;
}

/**
 * Lambda keeps Lambda-Runtime-Function-Error-Type only when it looks like
 * `Runtime.Xxx` or `Function.Xxx`; anything else would become Runtime.Unknown and lose
 * the error's class. So a user error type is qualified as `Function.<Name>`.
 */
export function errorTypeHeader(errorType: string): string {
  if (/^(Runtime|Function)\.[A-Z][a-zA-Z]+$/.test(errorType)) return errorType;
  const letters = errorType.replace(/[^a-zA-Z]/g, '');
  if (letters === '') return 'Function.Unhandled';
  return `Function.${letters[0]!.toUpperCase()}${letters.slice(1)}`;
}

/** Error bodies on Managed Instances may be at most 1 MiB; stay under it everywhere. */
const MAX_BODY_BYTES = 1024 * 1024 - 1024;

export function serializeErrorBody(body: ErrorBody): Buffer {
  let bytes = Buffer.from(JSON.stringify(body));
  if (bytes.length <= MAX_BODY_BYTES) return bytes;
  const trimmed: ErrorBody = {
    errorType: body.errorType,
    errorMessage: `${body.errorMessage.slice(0, 256 * 1024)}... [truncated: the error was ${bytes.length} bytes]`,
    trace: body.trace.slice(0, 50).map((line) => (line.length > 1024 ? `${line.slice(0, 1024)}...` : line)),
  };
  bytes = Buffer.from(JSON.stringify(trimmed));
  return bytes;
}
