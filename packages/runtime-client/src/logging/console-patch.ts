import { LOG_LEVELS, type LogLevel } from './levels.js';
import type { Logger } from './logger.js';

declare global {
  interface Console {
    /** Added by the Lambda runtime: an entry at level FATAL. */
    fatal(...data: unknown[]): void;
  }
}

// console.log is INFO, as on the platform. console.trace is a TRACE entry, not Node's
// "Trace:" plus stack dump on stderr.
const LEVEL_OF_METHOD = {
  trace: LOG_LEVELS.TRACE,
  debug: LOG_LEVELS.DEBUG,
  info: LOG_LEVELS.INFO,
  log: LOG_LEVELS.INFO,
  warn: LOG_LEVELS.WARN,
  error: LOG_LEVELS.ERROR,
  fatal: LOG_LEVELS.FATAL,
} as const;

const ignore = (): void => {};

/**
 * Routes console output through the logger. A level below AWS_LAMBDA_LOG_LEVEL gets a
 * no-op, so a filtered console.debug costs one empty call and formats nothing.
 * As in the official client, console.log() with no argument logs `undefined` (its first
 * parameter is the message), and console.dir / console.assert are left to Node: dir
 * writes inspect's output to stdout, and assert calls console.warn, so a failed assertion
 * is a WARN entry.
 */
export function patchConsole(target: Console, logger: Logger): void {
  const at = (level: LogLevel) =>
    logger.enabled(level) ? (...args: unknown[]) => logger.log(level, args.length === 0 ? NO_ARGUMENT : args) : ignore;

  for (const [method, level] of Object.entries(LEVEL_OF_METHOD)) {
    (target as unknown as Record<string, unknown>)[method] = at(level);
  }
}

const NO_ARGUMENT: readonly unknown[] = [undefined];
