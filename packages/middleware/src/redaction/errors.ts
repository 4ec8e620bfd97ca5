import { redact } from './registry.js';

/**
 * Rewrites an error's message and stack (and those of its causes) in place, so that an
 * error on its way to the runtime's error report carries no secret. In place, because the
 * error object's identity and class are what callers and onError hooks match on.
 */
export function redactError<T>(error: T, seen = new Set<unknown>()): T {
  if (!(error instanceof Error) || seen.has(error)) return error;
  seen.add(error);
  const message = redact(error.message);
  if (message !== error.message) setOwn(error, 'message', message);
  if (typeof error.stack === 'string') {
    const stack = redact(error.stack);
    if (stack !== error.stack) setOwn(error, 'stack', stack);
  }
  redactError(error.cause, seen);
  if (error instanceof AggregateError) for (const inner of error.errors) redactError(inner, seen);
  return error;
}

function setOwn(target: Error, key: 'message' | 'stack', value: string): void {
  try {
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  } catch {
    // A frozen error cannot be rewritten; nothing more we can do without changing its identity.
  }
}
