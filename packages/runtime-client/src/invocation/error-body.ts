// Turns anything a handler throws (or passes to a callback) into the Runtime API's
// error body. The official client sends exactly {errorType, errorMessage, trace} and
// nothing else (no `cause`): callers compare these bodies. Never throws: a hostile value
// (getters that throw, Object.create(null)) still produces a body.

export interface ErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

// The official client writes DEL (0x7F) as "%7F" in every field of the body.
const DEL = /\x7f/g;
function escapeDel(text: string): string {
  return text.replace(DEL, '%7F');
}

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

export function toErrorBody(value: unknown): ErrorBody {
  if (!isErrorLike(value)) {
    return { errorType: typeof value, errorMessage: safeString(value, '[a value that cannot be converted to a string]'), trace: [] };
  }
  const name = read(value, 'name');
  const message = read(value, 'message');
  const stack = read(value, 'stack');
  return {
    errorType: escapeDel(typeof name === 'string' && name !== '' ? name : 'Error'),
    errorMessage: escapeDel(typeof message === 'string' ? message : safeString(message, '')),
    trace: typeof stack === 'string' ? escapeDel(stack).split('\n') : [],
  };
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
