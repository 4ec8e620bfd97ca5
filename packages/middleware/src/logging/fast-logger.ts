import { deepMerge } from '@aws-lambda-powertools/commons';
import type { Logger } from '@aws-lambda-powertools/logger';
import { hasSecrets, redact } from '../redaction/registry.js';
import { AttributeMirror, RESERVED_KEYS, type MirroredContext } from './attribute-mirror.js';
import { printsSameWithoutReplacer } from './json-safety.js';
import { lineText } from './line-text.js';
import { readLoggerSettings } from './logger-settings.js';
import { concurrencyEnabled } from './invoke-store.js';
import { isoTimestamp } from './iso-time.js';
import { currentTraceId } from './trace-id.js';
import { writeLine } from './write-line.js';

/**
 * The per-line fast path of a Powertools Logger.
 *
 * Powertools builds every line through several layers (level-name lookups, about eight
 * environment reads, the invocation store, a deep merge, a formatter object, a JSON
 * replacer called for every key, a Console). This prints the same line, key for key and
 * byte for byte, with the settings read once: the attributes come from a mirror kept up
 * to date by the Logger's own methods, the time zone decision is cached, the JSON is
 * written without a replacer when the value needs none, and the line goes out in one
 * synchronous write (write-line.ts; DEBUG/INFO to stdout, WARN and above to stderr, as Powertools' Console).
 *
 * Powertools' own path is kept for whatever this does not reproduce: a subclass, a custom
 * formatter or replacer, logRecordOrder, dev mode, TRACE, buffered levels, reserved keys
 * (Powertools warns about them), Errors below the top level, BigInts, cycles, custom toJSON.
 * The Logger stays a Powertools Logger: every other method is untouched.
 */
const INSTALLED = Symbol.for('thaw.logging.fastPath');
const NAMES: Record<number, string> = { 8: 'DEBUG', 12: 'INFO', 16: 'WARN', 20: 'ERROR', 24: 'CRITICAL' };
const WARN = 16;
const ERROR = 20;
const SILENT = 28;

type LogMethod = (input: unknown, ...extra: unknown[]) => void;
type Attributes = Record<string, unknown>;

interface LoggerInternals {
  level: number;
  powertoolsLogData: { serviceName?: string; sampleRateValue?: number };
  getColdStart(): boolean;
  getLogFormatter(): { formatError(error: Error): unknown; formatTimestamp(date: Date): string };
  getPersistentLogAttributes(): Attributes;
}

/** Returns why the fast path is off for this Logger, or undefined when it is on. */
export function installFastPath(logger: Logger, redactSecrets: boolean): string | undefined {
  const record = logger as unknown as Record<PropertyKey, unknown>;
  if (record[INSTALLED] !== undefined) return record[INSTALLED] as string | undefined;
  const settings = readLoggerSettings(logger);
  Object.defineProperty(logger, INSTALLED, { value: settings.unsupported });
  if (settings.unsupported !== undefined) return settings.unsupported;

  const internals = logger as unknown as LoggerInternals;
  const mirror = new AttributeMirror(internals.getPersistentLogAttributes(), settings.temporaryKeys);
  keepMirrorInStep(logger, mirror);

  // Outside concurrency the level changes only through setLogLevel() (sampling calls it
  // too): read it once per change instead of once per line.
  let cachedLevel = internals.level;
  wrapAfter(logger, 'setLogLevel', () => (cachedLevel = internals.level));
  const level = (): number => (concurrencyEnabled() ? internals.level : cachedLevel);

  const formatter = internals.getLogFormatter();
  const zone = (process.env.TZ ?? '').trim();
  const timestamp = zone === '' || zone.includes('UTC') ? isoTimestamp : (date: Date) => formatter.formatTimestamp(date);
  const buffers = (at: number): boolean =>
    settings.bufferAtVerbosity > 0 && (at <= settings.bufferAtVerbosity || (settings.flushOnErrorLog && at >= ERROR));

  for (const at of [8, 12, 16, 20, 24]) {
    const name = NAMES[at]!.toLowerCase();
    const original = record[name] as LogMethod;
    const stream = at >= WARN ? process.stderr : process.stdout;
    Object.defineProperty(logger, name, {
      configurable: true,
      writable: true,
      value(this: Logger, input: unknown, ...extra: unknown[]): void {
        if (buffers(at)) return original.call(this, input, ...extra);
        if (at < level() || at >= SILENT) return;
        const line = buildLine(at, input, extra);
        if (line === undefined) return original.call(this, input, ...extra);
        writeLine(stream, (redactSecrets && hasSecrets() ? redact(line) : line) + '\n');
      },
    });
  }
  return undefined;

  /** The JSON text Powertools would print, or undefined to let Powertools print it. */
  function buildLine(at: number, input: unknown, extra: unknown[]): string | undefined {
    const data = internals.powertoolsLogData;
    const context: MirroredContext | undefined = mirror.context();
    const additional = mirror.all();
    let message: unknown = '';
    if (typeof input === 'string') message = input;
    else {
      const { message: given, ...rest } = input as Attributes;
      message = given;
      if (!addAll(additional, rest)) return undefined;
    }
    for (const item of extra) {
      if (item === null || item === undefined) continue;
      if (item instanceof Error) additional.error = item;
      else if (typeof item === 'string') additional.extra = item;
      else if (!addAll(additional, item as Attributes)) return undefined;
    }
    // What Powertools merges into the line: each getter is read once, here, for both paths.
    const merged: Attributes = deepMerge({}, additional);
    const error = merged.error instanceof Error ? formatter.formatError(merged.error) : undefined;
    const fields = { level: NAMES[at]!, message, timestamp: timestamp(new Date()), service: data.serviceName, context, samplingRate: data.sampleRateValue, traceId: currentTraceId() };
    const text = lineText(fields, merged, error);
    if (text !== undefined) return text;
    // The object path, as Powertools builds the line: for the lines lineText leaves to it.
    const line: Attributes = {
      level: fields.level,
      message,
      timestamp: fields.timestamp,
      service: fields.service,
      cold_start: context?.coldStart,
      function_arn: context?.invokedFunctionArn,
      function_memory_size: context?.memoryLimitInMB,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      sampling_rate: fields.samplingRate,
      xray_trace_id: fields.traceId,
      tenant_id: context?.tenantId,
    };
    deepMerge(line, merged);
    const printed: Attributes = {};
    for (const key in line) {
      const value = line[key];
      if (value !== undefined && value !== '' && value !== null) printed[key] = value;
    }
    // An Error here is merged.error, already formatted above.
    if (printed.error instanceof Error) printed.error = error;
    return printsSameWithoutReplacer(printed) ? JSON.stringify(printed) : undefined;
  }
}

/** Adds an object's keys as Powertools does; false when one is reserved (Powertools warns). */
function addAll(target: Attributes, source: Attributes): boolean {
  // Own enumerable string keys in order, as Object.entries gives them, without its arrays.
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    if (RESERVED_KEYS.has(key)) return false;
    target[key] = source[key];
  }
  return true;
}

/** Every public method that changes the attributes also updates the mirror, after the original. */
function keepMirrorInStep(logger: Logger, mirror: AttributeMirror): void {
  const internals = logger as unknown as LoggerInternals;
  wrapAfter(logger, 'appendKeys', (attributes: Attributes) => mirror.appendTemporary(attributes));
  wrapAfter(logger, 'appendPersistentKeys', (attributes: Attributes) => mirror.appendPersistent(attributes));
  wrapAfter(logger, 'setPersistentLogAttributes', (attributes: Attributes) => mirror.replacePersistent(attributes));
  wrapAfter(logger, 'removeKeys', (keys: string[]) => mirror.removeTemporary(keys));
  wrapAfter(logger, 'removePersistentKeys', (keys: string[]) => mirror.removePersistent(keys));
  wrapAfter(logger, 'resetKeys', () => mirror.clearTemporary());
  wrapAfter(logger, 'addContext', (context: MirroredContext & { memoryLimitInMB?: string | number }) =>
    mirror.setContext({
      invokedFunctionArn: context.invokedFunctionArn,
      coldStart: internals.getColdStart(),
      awsRequestId: context.awsRequestId,
      memoryLimitInMB: context.memoryLimitInMB,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      tenantId: context.tenantId,
    }),
  );
}

function wrapAfter<A extends unknown[]>(logger: Logger, name: string, after: (...args: A) => void): void {
  const record = logger as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = record[name];
  if (typeof original !== 'function') return;
  Object.defineProperty(logger, name, {
    configurable: true,
    writable: true,
    value(this: Logger, ...args: A) {
      const result = original.apply(this, args);
      after(...args);
      return result;
    },
  });
}
