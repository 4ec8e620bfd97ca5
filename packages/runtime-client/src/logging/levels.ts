// The six Lambda log levels. `priority` orders them for AWS_LAMBDA_LOG_LEVEL filtering;
// `frameMask` is the level's bits in a telemetry-fd frame type (the platform reads the
// level from those bits, so the values are part of the wire contract).
export interface LogLevel {
  readonly name: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  readonly priority: number;
  readonly frameMask: number;
}

export const LOG_LEVELS = {
  TRACE: { name: 'TRACE', priority: 1, frameMask: 0b00100 },
  DEBUG: { name: 'DEBUG', priority: 2, frameMask: 0b01000 },
  INFO: { name: 'INFO', priority: 3, frameMask: 0b01100 },
  WARN: { name: 'WARN', priority: 4, frameMask: 0b10000 },
  ERROR: { name: 'ERROR', priority: 5, frameMask: 0b10100 },
  FATAL: { name: 'FATAL', priority: 6, frameMask: 0b11000 },
} as const satisfies Record<string, LogLevel>;

export type LogFormat = 'Text' | 'JSON';

/** A setting read from the environment, plus a warning when the raw value was unusable. */
export interface Setting<T> {
  value: T;
  warning?: string;
}

/**
 * AWS_LAMBDA_LOG_LEVEL, case-insensitive. Unset means every level is written. An unknown
 * value must not break the function at cold start, so it falls back to TRACE and says so.
 */
export function parseLogLevel(raw: string | undefined): Setting<LogLevel> {
  if (raw === undefined || raw.trim() === '') return { value: LOG_LEVELS.TRACE };
  const key = raw.trim().toUpperCase();
  if (Object.hasOwn(LOG_LEVELS, key)) return { value: LOG_LEVELS[key as keyof typeof LOG_LEVELS] };
  return {
    value: LOG_LEVELS.TRACE,
    warning:
      `AWS_LAMBDA_LOG_LEVEL "${printable(raw)}" is not one of ${Object.keys(LOG_LEVELS).join(', ')}; ` +
      'writing every level. Set it to one of those names.',
  };
}

/** AWS_LAMBDA_LOG_FORMAT, case-insensitive: JSON or Text (the default). */
export function parseLogFormat(raw: string | undefined): Setting<LogFormat> {
  if (raw === undefined || raw.trim() === '') return { value: 'Text' };
  const value = raw.trim().toUpperCase();
  if (value === 'JSON') return { value: 'JSON' };
  if (value === 'TEXT') return { value: 'Text' };
  return {
    value: 'Text',
    warning: `AWS_LAMBDA_LOG_FORMAT "${printable(raw)}" is not Text or JSON; using Text. Set it to Text or JSON.`,
  };
}

// Environment values end up in a log line: keep them short and free of control characters.
export function printable(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.slice(0, 40).replace(/[\u0000-\u001f\u007f]/g, '?');
}
