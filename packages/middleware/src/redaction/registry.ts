import { nodeUtil } from '../node-builtins.js';

/**
 * The set of secret values that must never reach a log line or an error.
 *
 * Kept on globalThis under a registered symbol so that every copy of this package in one
 * process (an ESM and a CommonJS build, or two bundled copies) shares one registry: a secret
 * registered by one copy is still redacted in output produced through another.
 */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not redacted: replacing every "1" or "on" in every log line
 * would wreck the logs and, worse, the pattern of replacements would reveal the value.
 */
export const MIN_SECRET_LENGTH = 4;

interface RegistryState {
  /** Every form a secret can take in output: raw, JSON-escaped and inspect-escaped. */
  forms: Set<string>;
  pattern: RegExp | undefined;
}

const STATE_KEY = Symbol.for('thaw.redaction.registry');
const globalSlot = globalThis as unknown as Record<symbol, RegistryState | undefined>;
const state: RegistryState = (globalSlot[STATE_KEY] ??= { forms: new Set(), pattern: undefined });

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Registers a secret value; returns false when it is too short to be redacted safely. */
export function registerSecret(value: string): boolean {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return false;
  // A value with quotes, backslashes or control characters appears escaped inside JSON log
  // lines and inside util.inspect output of objects; those forms must match too.
  const forms = [value, JSON.stringify(value).slice(1, -1), nodeUtil().inspect(value).slice(1, -1)];
  let added = false;
  for (const form of forms) {
    if (form.length >= MIN_SECRET_LENGTH && !state.forms.has(form)) {
      state.forms.add(form);
      added = true;
    }
  }
  if (added) state.pattern = undefined;
  return true;
}

/** True once at least one secret is registered. */
export function hasSecrets(): boolean {
  return state.forms.size > 0;
}

function pattern(): RegExp | undefined {
  if (state.forms.size === 0) return undefined;
  // Longest first, so a secret that contains another is replaced whole.
  state.pattern ??= new RegExp(
    [...state.forms].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|'),
    'g',
  );
  return state.pattern;
}

/** True when `text` contains a registered secret. */
export function containsSecret(text: string): boolean {
  const re = pattern();
  if (!re) return false;
  re.lastIndex = 0;
  return re.test(text);
}

/** Replaces every registered secret in `text` with `[redacted]`. */
export function redact(text: string): string {
  const re = pattern();
  if (!re) return text;
  re.lastIndex = 0;
  return re.test(text) ? text.replace(re, REDACTED) : text;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  state.forms.clear();
  state.pattern = undefined;
}
