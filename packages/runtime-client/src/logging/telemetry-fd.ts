import { fstatSync } from 'node:fs';
import { digitsValue } from '../digits.js';

/** The telemetry fd the platform gave, or a warning when the value cannot be one. */
export interface TelemetryFd {
  fd?: number;
  warning?: string;
}

/**
 * Reads _LAMBDA_TELEMETRY_LOG_FD and removes it from the environment, as the platform
 * expects: a child process or a second runtime copy must not write frames on the same fd.
 */
export function takeTelemetryFd(env: NodeJS.ProcessEnv): TelemetryFd {
  const raw = env['_LAMBDA_TELEMETRY_LOG_FD'];
  delete env['_LAMBDA_TELEMETRY_LOG_FD'];
  if (raw === undefined || raw === '') return {};
  // Digits checked by hand: a regular expression costs about 0.1 ms to compile at cold start.
  const text = raw.trim();
  const fd = text.length <= 9 ? (digitsValue(text, 0, text.length) ?? NaN) : NaN;
  if (!Number.isInteger(fd)) {
    return { warning: `_LAMBDA_TELEMETRY_LOG_FD "${raw.slice(0, 20)}" is not a file descriptor number; writing logs to stdout.` };
  }
  try {
    fstatSync(fd);
  } catch {
    return { warning: `_LAMBDA_TELEMETRY_LOG_FD ${fd} is not an open file descriptor; writing logs to stdout.` };
  }
  return { fd };
}
