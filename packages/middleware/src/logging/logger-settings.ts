import { Logger } from '@aws-lambda-powertools/logger';

/** What decides whether the fast path can print a Logger's lines exactly as it would. */
export interface LoggerSettings {
  /** Why the fast path is off for this Logger, or undefined when it can be on. */
  unsupported: string | undefined;
  /** Log buffering: lines at or below this level are buffered by Powertools (0: off). */
  bufferAtVerbosity: number;
  /** With buffering, ERROR and above first flush the buffer (Powertools does it). */
  flushOnErrorLog: boolean;
  /** The temporary keys the Logger holds now (Powertools has no getter for them). */
  temporaryKeys: Record<string, unknown>;
}

interface ChildOptions {
  logFormatter?: object;
  jsonReplacerFn?: unknown;
  logBufferOptions?: { bufferAtVerbosity?: string; flushOnErrorLog?: boolean };
}

const LEVELS: Record<string, number> = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 };

/**
 * Reads the settings of any Logger, ours or the user's, through its public surface.
 * Powertools keeps the JSON replacer, the formatter and the buffer settings in private
 * fields, but hands all of them to `createLogger()` when asked for a child: the factory
 * method Powertools documents for subclasses. We ask for a child once with that method
 * answered by a stub, and keep the options it was given.
 */
export function readLoggerSettings(logger: Logger): LoggerSettings {
  const off = (reason: string): LoggerSettings => ({ unsupported: reason, bufferAtVerbosity: 0, flushOnErrorLog: false, temporaryKeys: {} });
  if (Object.getPrototypeOf(logger) !== Logger.prototype) return off('the Logger is a subclass or another copy of Powertools');
  const record = logger as unknown as Record<string, unknown>;
  if (record.console === globalThis.console) return off('POWERTOOLS_DEV prints through the global console');
  if (record.logIndentation !== 0) return off('indented output');
  const child = childOptions(logger);
  if (child === undefined) return off('its settings could not be read');
  const { options, temporaryKeys } = child;
  if (options.jsonReplacerFn !== undefined) return off('a custom JSON replacer');
  if (!isDefaultFormatter(options.logFormatter)) return off('a custom log formatter or logRecordOrder');
  const buffer = options.logBufferOptions;
  return {
    unsupported: undefined,
    bufferAtVerbosity: buffer === undefined ? 0 : (LEVELS[buffer.bufferAtVerbosity ?? 'DEBUG'] ?? LEVELS.DEBUG!),
    flushOnErrorLog: buffer !== undefined && buffer.flushOnErrorLog !== false,
    temporaryKeys,
  };
}

function childOptions(logger: Logger): { options: ChildOptions; temporaryKeys: Record<string, unknown> } | undefined {
  const record = logger as unknown as Record<string, unknown>;
  const own = Object.getOwnPropertyDescriptor(record, 'createLogger');
  let captured: ChildOptions | undefined;
  let temporaryKeys: Record<string, unknown> = {};
  record.createLogger = (options: ChildOptions) => {
    captured = options;
    // createChild() then copies the context and the temporary keys onto the child: the
    // keys are kept (Powertools has no getter for them), the context is added again later.
    return {
      addContext() {},
      appendKeys(keys: Record<string, unknown>) {
        temporaryKeys = keys;
      },
    };
  };
  try {
    logger.createChild();
  } catch {
    captured = undefined;
  } finally {
    if (own) Object.defineProperty(record, 'createLogger', own);
    else delete record.createLogger;
  }
  return captured === undefined ? undefined : { options: captured, temporaryKeys };
}

interface FormatterLike {
  formatAttributes(base: Record<string, unknown>, additional: Record<string, unknown>): { getAttributes(): Record<string, unknown> };
}

const STANDARD_ORDER = 'level,message,timestamp,service,cold_start,function_arn,function_memory_size,function_name,function_request_id,sampling_rate,xray_trace_id,tenant_id';

/**
 * The default formatter, without logRecordOrder. Its class is not exported, so the
 * reference instance comes from the Logger's own setLogFormatter(); logRecordOrder is
 * private, so a probe tells: without it, an added key overrides the standard one of the
 * same name and the standard keys keep their order.
 */
function isDefaultFormatter(formatter: object | undefined): boolean {
  if (formatter === undefined || Object.getOwnPropertyNames(formatter).length > 0) return false;
  const reference: { logFormatter?: object } = {};
  (Logger.prototype as unknown as { setLogFormatter(this: object, f?: object, o?: unknown): void }).setLogFormatter.call(reference, undefined, undefined);
  if (Object.getPrototypeOf(formatter) !== Object.getPrototypeOf(reference.logFormatter)) return false;
  const probe = (formatter as FormatterLike).formatAttributes(
    {
      logLevel: 'INFO', message: 'm', timestamp: new Date(0), serviceName: 's', sampleRateValue: 1, xRayTraceId: 'x',
      lambdaContext: { coldStart: true, invokedFunctionArn: 'a', memoryLimitInMB: '1', functionName: 'f', awsRequestId: 'r', tenantId: 't' },
    },
    { function_name: 'probe' },
  ).getAttributes();
  return probe.function_name === 'probe' && Object.keys(probe).join(',') === STANDARD_ORDER;
}
