import { InvalidValue, makeSpec, type AlwaysSet, type VarOptions, type VarSpec } from './spec.js';

/**
 * The variable types a function can declare. Parsers name what was expected, never echo
 * the value: an encrypted variable's plaintext must not end up in an init error.
 */

export interface StringOptions extends VarOptions<string> {
  /** Fewest characters allowed. */
  minLength?: number;
  /** Most characters allowed. */
  maxLength?: number;
  /** The whole value must match. */
  pattern?: RegExp;
}

/** Any text; optionally bounded in length or matched against a pattern. */
function string<O extends StringOptions>(options?: O): VarSpec<string, AlwaysSet<O>> {
  return makeSpec(
    'string',
    (raw) => {
      if (options?.minLength !== undefined && raw.length < options.minLength) {
        throw new InvalidValue(`must be at least ${options.minLength} characters long`);
      }
      if (options?.maxLength !== undefined && raw.length > options.maxLength) {
        throw new InvalidValue(`must be at most ${options.maxLength} characters long`);
      }
      if (options?.pattern) {
        const whole = new RegExp(`^(?:${options.pattern.source})$`, options.pattern.flags.replace('g', ''));
        if (!whole.test(raw)) throw new InvalidValue(`must match ${options.pattern}`);
      }
      return raw;
    },
    options,
  );
}

/** Options of `envVar.number`. */
export interface NumberOptions extends VarOptions<number> {
  /** Smallest value allowed. */
  min?: number;
  /** Largest value allowed. */
  max?: number;
  /** Refuse values with a fractional part. */
  integer?: boolean;
}

/** A decimal number (plain notation only: no hex, no empty string as 0). */
function number<O extends NumberOptions>(options?: O): VarSpec<number, AlwaysSet<O>> {
  return makeSpec(
    'number',
    (raw) => {
      const text = raw.trim();
      // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new InvalidValue('must be a number');
      const value = Number(text);
      if (!Number.isFinite(value)) throw new InvalidValue('must be a finite number');
      if (options?.integer && !Number.isInteger(value)) throw new InvalidValue('must be an integer');
      if (options?.min !== undefined && value < options.min) throw new InvalidValue(`must be >= ${options.min}`);
      if (options?.max !== undefined && value > options.max) throw new InvalidValue(`must be <= ${options.max}`);
      return value;
    },
    options,
  );
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off` (any case). */
function boolean<O extends VarOptions<boolean>>(options?: O): VarSpec<boolean, AlwaysSet<O>> {
  return makeSpec(
    'boolean',
    (raw) => {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw new InvalidValue('must be a boolean (true/false, 1/0, yes/no, on/off)');
    },
    options,
  );
}

/** Options of `envVar.json`. */
export interface JsonOptions<T> extends VarOptions<T> {
  /** Checks the parsed value's shape; return false (or throw InvalidValue) to refuse it. */
  validate?: (value: unknown) => boolean;
}

/** JSON text, parsed (and checked by `validate` when given). */
function json<T = unknown, O extends JsonOptions<T> = JsonOptions<T>>(options?: O): VarSpec<T, AlwaysSet<O>> {
  return makeSpec(
    'json',
    (raw) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        // JSON.parse's message quotes the text around the error: not safe to pass on.
        throw new InvalidValue('must be valid JSON');
      }
      if (options?.validate && !options.validate(value)) throw new InvalidValue('JSON does not have the expected shape');
      return value as T;
    },
    options,
  );
}

/** Options of `envVar.url`. */
export interface UrlOptions extends VarOptions<URL> {
  /** Allowed protocols, with the colon: ['https:']. */
  protocols?: string[];
}

/** An absolute URL, returned as a `URL`; optionally limited to some protocols. */
function url<O extends UrlOptions>(options?: O): VarSpec<URL, AlwaysSet<O>> {
  return makeSpec(
    'url',
    (raw) => {
      let value: URL;
      try {
        value = new URL(raw.trim());
      } catch {
        throw new InvalidValue('must be an absolute URL');
      }
      if (options?.protocols && !options.protocols.includes(value.protocol)) {
        throw new InvalidValue(`must use ${options.protocols.join(' or ')}`);
      }
      return value;
    },
    options,
  );
}

/** One of the listed strings (also available as `envVar.enum`). */
function oneOf<const V extends readonly string[], O extends VarOptions<V[number]>>(
  values: V,
  options?: O,
): VarSpec<V[number], AlwaysSet<O>> {
  if (values.length === 0) throw new TypeError('envVar.enum needs at least one allowed value');
  return makeSpec(
    'enum',
    (raw) => {
      const value = raw.trim();
      if (!values.includes(value)) throw new InvalidValue(`must be one of ${values.join(', ')}`);
      return value as V[number];
    },
    options,
  );
}

/** Builders for `defineEnv`: `envVar.number({ default: 3 })`, `envVar.enum(['a', 'b'])`, ... */
export const envVar = {
  /** Any text; optionally bounded in length or matched against a pattern. */
  string,
  /** A decimal number, optionally an integer within bounds. */
  number,
  /** `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off` (any case). */
  boolean,
  /** JSON text, parsed (and checked by `validate` when given). */
  json,
  /** An absolute URL, returned as a `URL`. */
  url,
  /** One of the listed strings: `envVar.enum(['debug', 'info'])`. */
  enum: oneOf,
  /** The same as `envVar.enum`, for code that avoids the reserved word. */
  oneOf,
} as const;
