// The error bodies the platform produces itself (as opposed to those the function reports).
import { MAX_BUFFERED_RESPONSE_BYTES } from './limits.js';
import type { ExitInfo } from './process.js';
import type { FunctionErrorBody } from './types.js';

const KEPT_ERROR_TYPE = /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/;

/** The platform keeps a runtime's error type only when it has this shape. */
export function keptErrorType(header: string | undefined): string {
  return header !== undefined && KEPT_ERROR_TYPE.test(header) ? header : 'Runtime.Unknown';
}

export function timeoutError(requestId: string, timeoutSeconds: number): FunctionErrorBody {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGTERM: 'terminated',
  SIGSEGV: 'segmentation fault',
  SIGABRT: 'aborted',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
};

/** Worded as the platform words it (Go's exit status text). */
export function exitError(requestId: string, exit: ExitInfo): FunctionErrorBody {
  let reason: string;
  if (exit.spawnError !== undefined) {
    reason = `Runtime failed to start: ${exit.spawnError}; check the emulator's command option`;
  } else if (exit.signal !== null) {
    reason = `Runtime exited with error: signal: ${SIGNAL_WORDS[exit.signal] ?? exit.signal}`;
  } else if (exit.code === 0) {
    reason = 'Runtime exited without providing a reason';
  } else {
    reason = `Runtime exited with error: exit status ${exit.code ?? 'unknown'}`;
  }
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

export function responseTooLargeError(): FunctionErrorBody {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
  };
}

/** A streamed response whose connection broke while the runtime stayed alive. */
export function truncatedStreamError(requestId: string): FunctionErrorBody {
  return {
    errorType: 'Runtime.TruncatedResponse',
    errorMessage: `RequestId: ${requestId} Error: the runtime's response stream was cut before it ended`,
  };
}

/** Reads `{errorType, errorMessage, trace}` from a runtime's error body, whatever it holds. */
export function functionErrorFrom(body: Buffer, keptType: string): FunctionErrorBody {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      const error: FunctionErrorBody = {
        errorType: typeof fields.errorType === 'string' ? fields.errorType : keptType,
        errorMessage: typeof fields.errorMessage === 'string' ? fields.errorMessage : '',
      };
      const trace = fields.trace ?? fields.stackTrace;
      if (Array.isArray(trace)) error.trace = trace.map(String);
      return error;
    }
  } catch {
    // Not JSON: the raw text is the message.
  }
  return { errorType: keptType, errorMessage: body.toString('utf8') };
}
