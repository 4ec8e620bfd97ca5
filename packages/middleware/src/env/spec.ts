/**
 * How one environment variable is declared. `TValue` is what the accessor returns;
 * `TAlwaysSet` is false only for optional variables without a default, whose value may be
 * undefined. Both are inferred from the builder call, so the declaration is the type.
 */
export interface VarSpec<TValue, TAlwaysSet extends boolean = true> {
  /** The builder that made it: `string`, `number`, `boolean`, `json`, `url` or `enum`. */
  readonly kind: string;
  /** Turns the raw text into the value; throws `InvalidValue` with a reason (never the value). */
  readonly parse: (raw: string) => TValue;
  /** Unset or empty is allowed. */
  readonly optional: boolean;
  /** A default value was given. */
  readonly hasDefault: boolean;
  /** The value used when the variable is unset or empty. */
  readonly defaultValue: TValue | undefined;
  /** The raw text is a KMS ciphertext (base64) to decrypt before parsing. */
  readonly encrypted: boolean;
  /** Type-only marker; never set at run time. */
  readonly __alwaysSet?: TAlwaysSet;
}

/** Options every `envVar` builder takes. */
export interface VarOptions<TValue> {
  /** Used when the variable is unset or empty. */
  default?: TValue;
  /** Unset or empty is fine; the value is then undefined. */
  optional?: boolean;
  /** The value is KMS-encrypted (console helpers or CLI); decrypted at init. */
  encrypted?: boolean;
}

/** true unless the options make the variable optional without a default. */
export type AlwaysSet<O> = O extends { default: unknown } ? true : O extends { optional: true } ? false : true;

export type AnySpec = VarSpec<any, boolean>;
/** The declaration `defineEnv` takes: variable name to `envVar` builder result. */
export type EnvSpecs = Record<string, AnySpec>;

/** The typed values of a declaration: optional variables without a default may be undefined. */
export type EnvValues<S extends EnvSpecs> = {
  readonly [K in keyof S]: S[K] extends VarSpec<infer T, infer A> ? (A extends true ? T : T | undefined) : never;
};

/** Thrown by a parser: the reason is shown to the user, so it must not contain the value. */
export class InvalidValue extends Error {
  /** The stable name to match on: `error.name === 'InvalidValue'`. */
  override readonly name = 'InvalidValue';
}

export function makeSpec<T, O extends VarOptions<T>>(
  kind: string,
  parse: (raw: string) => T,
  options: O | undefined,
): VarSpec<T, AlwaysSet<O>> {
  const hasDefault = options !== undefined && 'default' in options && options.default !== undefined;
  return {
    kind,
    parse,
    optional: options?.optional === true,
    hasDefault,
    defaultValue: hasDefault ? options!.default : undefined,
    encrypted: options?.encrypted === true,
  };
}
