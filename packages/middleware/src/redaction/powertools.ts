import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions, CustomJsonReplacerFn } from '@aws-lambda-powertools/logger/types';
import { redact } from './registry.js';

/**
 * Powertools Logger writes through a Console of its own on process.stdout, so wrapping the
 * global console does not reach it. Two ways in, both through its public options:
 *
 * - `withRedaction(options)` adds a JSON replacer to the constructor options. JSON.stringify
 *   hands every string of the log item (message, keys' values, formatted errors, buffered
 *   items) to the replacer before escaping, and child loggers inherit it.
 * - `redactLogger(logger)` for a logger someone else built: it wraps the logger's output
 *   methods (the strings it is about to print) and its `createChild`.
 */
export function redactingReplacer(inner?: CustomJsonReplacerFn): CustomJsonReplacerFn {
  return (key, value) => {
    const replaced = inner ? inner(key, value) : value;
    return typeof replaced === 'string' ? redact(replaced) : replaced;
  };
}

/** Powertools Logger constructor options with a JSON replacer that redacts registered secrets (your own replacer still runs first). */
export function withRedaction(options: ConstructorOptions = {}): ConstructorOptions {
  return { ...options, jsonReplacerFn: redactingReplacer(options.jsonReplacerFn) };
}

const OUTPUT_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const WRAPPED = Symbol.for('thaw.redaction.powertools');

/** Makes a Logger built elsewhere redact registered secrets from every line it prints, and from its child loggers. Idempotent. */
export function redactLogger<T extends Logger>(logger: T): T {
  const record = logger as unknown as Record<PropertyKey, unknown>;
  if (record[WRAPPED]) return logger;
  // `console` is private in the Logger's types but is the documented sink of every line.
  const sink = record.console as Record<string, unknown> | undefined;
  if (sink) {
    for (const method of OUTPUT_METHODS) {
      const original = sink[method];
      if (typeof original !== 'function') continue;
      sink[method] = (...args: unknown[]) =>
        (original as (...a: unknown[]) => unknown).apply(
          sink,
          args.map((a) => (typeof a === 'string' ? redact(a) : a)),
        );
    }
  }
  const createChild = record.createChild;
  if (typeof createChild === 'function') {
    record.createChild = (...args: unknown[]) =>
      redactLogger((createChild as (...a: unknown[]) => Logger).apply(logger, args));
  }
  Object.defineProperty(logger, WRAPPED, { value: true });
  return logger;
}
