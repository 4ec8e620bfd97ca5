import { nodeUtil } from '../node-builtins.js';
import { deepContainsSecret } from './deep-scan.js';
import { hasSecrets, redact } from './registry.js';

/**
 * Redacts secrets in everything written through `console`.
 *
 * It wraps whatever the console methods are at the time it is called: under our runtime and
 * under AWS's managed runtimes alike, the runtime has already replaced them with its own
 * writers by the time a handler module loads, so the wrapper sits in front of the runtime's
 * formatting (Text or JSON) without knowing anything about it. Calls without a secret pass
 * their arguments through untouched, so objects and errors keep their structured output.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'dir'] as const;
const WRAPPED = Symbol.for('thaw.redaction.console');

type AnyFn = (...args: unknown[]) => unknown;

/** The arguments of a console call with every registered secret replaced: unchanged when none holds a secret, else one redacted string of the formatted arguments. */
export function redactArgs(args: unknown[]): unknown[] {
  if (!hasSecrets() || !args.some((a) => deepContainsSecret(a))) return args;
  // Depth unlimited: the runtime would otherwise print '[Object]' for what we just checked,
  // and the redacted single string is all that is written.
  return [redact(nodeUtil().formatWithOptions({ depth: Infinity }, ...args))];
}

/** Idempotent: a console already wrapped is left alone. */
export function redactConsole(target: Console = console): void {
  const record = target as unknown as Record<PropertyKey, unknown>;
  if (record[WRAPPED]) return;
  for (const method of METHODS) {
    const original = record[method];
    if (typeof original !== 'function') continue;
    record[method] = function redacted(this: unknown, ...args: unknown[]) {
      return (original as AnyFn).apply(this ?? target, redactArgs(args));
    };
  }
  const assert = record.assert;
  if (typeof assert === 'function') {
    record.assert = function redactedAssert(this: unknown, condition?: unknown, ...args: unknown[]) {
      return (assert as AnyFn).call(this ?? target, condition, ...redactArgs(args));
    };
  }
  Object.defineProperty(target, WRAPPED, { value: true });
}
