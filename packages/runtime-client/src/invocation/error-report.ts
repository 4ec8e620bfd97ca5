// An error as the Runtime API wants it (body + headers), from any thrown value.
import type { ErrorReport } from '../api/runtime-api.js';
import { errorTypeHeader, serializeErrorBody, toErrorBody, type ErrorBody } from './error-body.js';
import { xrayCause } from './xray-cause.js';

export function errorReport(value: unknown): ErrorReport & { parsed: ErrorBody } {
  const parsed = toErrorBody(value);
  let cwd = '';
  try {
    cwd = process.cwd();
  } catch {
    // The working directory was deleted; X-Ray can live without it.
  }
  return { parsed, body: serializeErrorBody(parsed), errorType: errorTypeHeader(parsed.errorType), xrayCause: xrayCause(parsed, cwd) };
}

/**
 * An error with a fixed platform type (Runtime.X / Function.X) and a message. The name is
 * not enumerable, like the official client's Runtime.NodeJsExit and
 * Runtime.UnhandledPromiseRejection (a prototype name), so the "Invoke Error" log line
 * shows the same keys.
 */
export class RuntimeError extends Error {
  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: name, writable: true, configurable: true, enumerable: false });
  }
}
