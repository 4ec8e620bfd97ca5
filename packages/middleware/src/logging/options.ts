import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import { InvalidLoggingOptionError } from './errors.js';
import { compilePath, type CompiledPath } from './path.js';
import { eventRedactor, type EventRedactor } from './redact-paths.js';

/** How the event is logged when `logEvent` is on. */
export interface LogEventOptions {
  /** Paths (same syntax as correlationIdPath, plus `*` wildcards) replaced by '[redacted]'. */
  redactPaths?: readonly string[];
}

/** How DEBUG and TRACE lines are buffered when `bufferDebugLogs` is on. */
export interface BufferOptions {
  /** Bytes of buffered lines kept per invocation; the oldest are dropped first. Default 20480. */
  maxBytes?: number;
  /** Also flush when the handler calls logger.error(). Default true. */
  flushOnErrorLog?: boolean;
}

/** Options of the `logging()` middleware; every one has a default. */
export interface LoggingOptions {
  /** Your Logger. Without one, a Logger is created from the POWERTOOLS_* environment. */
  logger?: Logger;
  /** Constructor options for the Logger created when `logger` is not given. */
  loggerOptions?: ConstructorOptions;
  /** Where the correlation id is in the event, e.g. `headers."x-correlation-id" || requestContext.requestId`. */
  correlationIdPath?: string;
  /** Log the event at the start of each invocation (POWERTOOLS_LOGGER_LOG_EVENT also turns it on). */
  logEvent?: boolean | LogEventOptions;
  /** Share of invocations (0..1) logged at DEBUG; for a created Logger (else set it on yours). */
  sampleRate?: number;
  /** Buffer DEBUG and TRACE lines per invocation and print them only if it fails or times out. */
  bufferDebugLogs?: boolean | BufferOptions;
  /** Log the invocation's error as one structured ERROR line. Default true. */
  logErrors?: boolean;
  /** Redact secrets registered with registerSecret() (KMS-decrypted variables). Default true. */
  redactSecrets?: boolean;
}

export interface ResolvedLoggingOptions {
  correlationPath: CompiledPath | undefined;
  logEvent: boolean | undefined;
  redactEvent: EventRedactor;
  logErrors: boolean;
}

export function resolveLoggingOptions(options: LoggingOptions): ResolvedLoggingOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidLoggingOptionError(`logging() expects an options object or nothing, got ${options === null ? 'null' : typeof options}.`);
  }
  const { sampleRate, logEvent, bufferDebugLogs } = options;
  if (sampleRate !== undefined && !(typeof sampleRate === 'number' && sampleRate >= 0 && sampleRate <= 1)) {
    throw new InvalidLoggingOptionError(`logging({ sampleRate }) must be a number from 0 to 1 (share of invocations logged at DEBUG), got ${String(sampleRate)}.`);
  }
  if (options.logger !== undefined && (sampleRate !== undefined || bufferDebugLogs !== undefined || options.loggerOptions !== undefined)) {
    throw new InvalidLoggingOptionError(
      'logging() got your Logger and also sampleRate, bufferDebugLogs or loggerOptions, which only apply to a Logger it creates. ' +
        'Set them on your Logger (sampleRateValue, logBufferOptions) or drop the logger option.',
    );
  }
  if (typeof bufferDebugLogs === 'object' && bufferDebugLogs.maxBytes !== undefined) {
    const { maxBytes } = bufferDebugLogs;
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
      throw new InvalidLoggingOptionError(`logging({ bufferDebugLogs: { maxBytes } }) must be a positive integer, got ${String(maxBytes)}.`);
    }
  }
  const redactPaths = typeof logEvent === 'object' && logEvent !== null ? (logEvent.redactPaths ?? []) : [];
  if (!Array.isArray(redactPaths)) {
    throw new InvalidLoggingOptionError('logging({ logEvent: { redactPaths } }) must be an array of paths like ["headers.Authorization", "body"].');
  }
  return {
    correlationPath:
      options.correlationIdPath === undefined ? undefined : compilePath(options.correlationIdPath, { wildcards: false, alternatives: true }),
    // undefined: let the Logger decide from POWERTOOLS_LOGGER_LOG_EVENT.
    logEvent: logEvent === undefined ? undefined : logEvent !== false,
    redactEvent: eventRedactor(redactPaths),
    logErrors: options.logErrors !== false,
  };
}

/** The Logger constructor options for the Logger we create. */
export function createdLoggerOptions(options: LoggingOptions): ConstructorOptions {
  const constructed: ConstructorOptions = { ...options.loggerOptions };
  if (options.sampleRate !== undefined) constructed.sampleRateValue = options.sampleRate;
  const buffer = options.bufferDebugLogs;
  if (buffer !== undefined && buffer !== false) {
    const settings = buffer === true ? {} : buffer;
    constructed.logBufferOptions = {
      enabled: true,
      bufferAtVerbosity: 'DEBUG',
      flushOnErrorLog: settings.flushOnErrorLog ?? true,
      ...(settings.maxBytes === undefined ? {} : { maxBytes: settings.maxBytes }),
    };
  }
  return constructed;
}
