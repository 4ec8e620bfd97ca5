import { formatJson } from './format-json.js';
import { formatText } from './format-text.js';
import type { LogFormat, LogLevel } from './levels.js';
import { toSingleLine } from './single-line.js';
import { encodeFrame, FRAME_TYPE_JSON, FRAME_TYPE_TEXT } from './telemetry-frame.js';
import { writeAllSync } from './write-sync.js';

/** What a log entry needs to know about the invocation it belongs to. */
export interface LogScope {
  requestId: string;
  tenantId?: string | undefined;
}

export interface LoggerOptions {
  format: LogFormat;
  minLevel: LogLevel;
  /** stdout (1) unless the platform gave a telemetry fd. */
  fd: number;
  /** true when `fd` is the telemetry fd and entries must be framed. */
  framed: boolean;
  /** The invocation in whose async context the entry is written; undefined during init. */
  scope: () => LogScope | undefined;
  now?: () => number;
  /** Where entries go when the telemetry fd fails; stdout unless a test says otherwise. */
  fallbackFd?: number;
}

export interface Logger {
  enabled(level: LogLevel): boolean;
  /** Writes one entry; filtering is the caller's job (see enabled). */
  log(level: LogLevel, args: readonly unknown[]): void;
}

export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? Date.now;
  let { fd, framed } = options;

  const write = (level: LogLevel, timestampMs: number, entry: string): void => {
    if (framed) {
      const payload = options.format === 'JSON' ? entry : `${entry}\n`;
      try {
        writeAllSync(fd, encodeFrame(options.format === 'JSON' ? FRAME_TYPE_JSON : FRAME_TYPE_TEXT, level, timestampMs, payload));
        return;
      } catch (error) {
        // A closed or bogus telemetry fd must not take the function's logs with it.
        fd = options.fallbackFd ?? 1;
        framed = false;
        write(level, timestampMs, `${new Date(timestampMs).toISOString()}\t-\tWARN\tThe telemetry log fd failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); writing logs to stdout from now on.`);
      }
    }
    try {
      writeAllSync(fd, Buffer.from(`${toSingleLine(entry)}\n`, 'utf8'));
    } catch {
      // stdout is gone (the reader closed the pipe): there is nowhere left to report it,
      // and throwing from console.log would turn a logging problem into a handler failure.
    }
  };

  return {
    enabled: (level) => level.priority >= options.minLevel.priority,
    log(level, args) {
      const timestampMs = now();
      const timestamp = new Date(timestampMs).toISOString();
      const scope = options.scope();
      const requestId = scope?.requestId ?? '-';
      const entry =
        options.format === 'JSON'
          ? formatJson(timestamp, level, requestId, scope?.tenantId, args)
          : formatText(timestamp, requestId, level, args);
      write(level, timestampMs, entry);
    },
  };
}
