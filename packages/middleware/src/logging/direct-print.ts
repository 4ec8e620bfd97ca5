import type { Logger } from '@aws-lambda-powertools/logger';
import { hasSecrets, redact } from '../redaction/registry.js';
import { writeLine } from './write-line.js';

/**
 * Powertools prints each line through a `Console` of its own, which costs more than the
 * line itself (argument formatting, colour detection, group indentation). We keep every
 * step that decides what the line says (level, attributes, buffering, the JSON replacer,
 * indentation) and replace only the last one: the same JSON text goes to the same stream
 * (DEBUG/INFO to stdout, WARN/ERROR/CRITICAL to stderr, as the Console does) with one
 * synchronous write. Registered secrets are redacted from the text, as redactLogger does.
 *
 * Left alone: TRACE (the Console prints a stack for it) and POWERTOOLS_DEV mode, where
 * Powertools prints through the global console on purpose.
 */
const INSTALLED = Symbol.for('thaw.logging.directPrint');
const WARN_THRESHOLD = 16;
const DEBUG_THRESHOLD = 8;

interface PrintableItem {
  prepareForPrint(): void;
  getAttributes(): unknown;
}

interface LoggerInternals {
  console: unknown;
  logIndentation: number;
  getJsonReplacer(): (key: string, value: unknown) => unknown;
  printLog(level: number, item: PrintableItem): void;
}

export function printDirectly(logger: Logger, redactSecrets: boolean): void {
  const internals = logger as unknown as LoggerInternals & Record<PropertyKey, unknown>;
  if (internals[INSTALLED] || internals.console === globalThis.console || typeof internals.printLog !== 'function') return;
  const original = internals.printLog;
  Object.defineProperty(logger, 'printLog', {
    configurable: true,
    writable: true,
    value(this: LoggerInternals, level: number, item: PrintableItem): void {
      if (level < DEBUG_THRESHOLD) return original.call(this, level, item);
      item.prepareForPrint();
      let line = JSON.stringify(item.getAttributes(), this.getJsonReplacer(), this.logIndentation);
      if (redactSecrets && hasSecrets()) line = redact(line);
      writeLine(level >= WARN_THRESHOLD ? process.stderr : process.stdout, line + '\n');
    },
  });
  Object.defineProperty(logger, INSTALLED, { value: true });
}
