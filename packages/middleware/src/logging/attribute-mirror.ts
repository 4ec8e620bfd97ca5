import { deepMerge } from '@aws-lambda-powertools/commons';
import { Scoped } from './scoped.js';

type Attributes = Record<string, unknown>;
type KeyKind = 'temp' | 'persistent';

/** Keys Powertools drops (with a warning) from appended attributes. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);

/** The Lambda context fields a Logger keeps after addContext(). */
export interface MirroredContext {
  invokedFunctionArn?: string;
  coldStart: boolean;
  awsRequestId?: string;
  memoryLimitInMB?: string | number;
  functionName?: string;
  functionVersion?: string;
  tenantId?: string;
}

/**
 * A copy of the attributes a Powertools Logger adds to every line (persistent keys,
 * temporary keys, the Lambda context), kept up to date by the Logger's own public methods
 * (fast-logger.ts calls these after the Logger's originals). Powertools keeps them in
 * private fields and recomputes the merged set on every line; the fast path reads this copy.
 *
 * The rules are Powertools' own (2.36): temporary keys override persistent ones only while
 * marked 'temp' in an ordered key map; removing a key re-marks it by whether the other kind
 * still holds a truthy value; merged values go through the same deepMerge.
 */
export class AttributeMirror {
  #persistent: Attributes;
  readonly #temporary = new Scoped<Attributes>(() => ({}), true);
  readonly #kinds = new Scoped<Map<string, KeyKind>>(() => new Map(), true);
  readonly #context = new Scoped<MirroredContext | undefined>(() => undefined, false);

  /** Starts from what the Logger already holds (constructor keys, keys added at module scope). */
  constructor(persistent: Attributes, temporary: Attributes) {
    this.#persistent = { ...persistent };
    const kinds = this.#kinds.get();
    for (const key of Object.keys(this.#persistent)) kinds.set(key, 'persistent');
    this.appendTemporary(temporary);
  }

  appendTemporary(attributes: Attributes): void {
    const kept = withoutReserved(attributes);
    deepMerge(this.#temporary.get(), kept);
    const kinds = this.#kinds.get();
    for (const key of Object.keys(kept)) kinds.set(key, 'temp');
  }

  appendPersistent(attributes: Attributes): void {
    this.setPersistent(deepMerge({ ...this.#persistent }, withoutReserved(attributes)));
  }

  setPersistent(attributes: Attributes): void {
    this.#persistent = { ...attributes };
    const kinds = this.#kinds.get();
    for (const key of Object.keys(attributes)) kinds.set(key, 'persistent');
  }

  replacePersistent(attributes: Attributes): void {
    this.setPersistent(withoutReserved(attributes));
  }

  removeTemporary(keys: readonly string[]): void {
    const temporary = this.#temporary.get();
    const kinds = this.#kinds.get();
    for (const key of keys) {
      temporary[key] = undefined;
      if (this.#persistent[key]) kinds.set(key, 'persistent');
      else kinds.delete(key);
    }
  }

  removePersistent(keys: readonly string[]): void {
    const temporary = this.#temporary.get();
    const kinds = this.#kinds.get();
    for (const key of keys) {
      this.#persistent[key] = undefined;
      if (temporary[key]) kinds.set(key, 'temp');
      else kinds.delete(key);
    }
  }

  clearTemporary(): void {
    const kinds = this.#kinds.get();
    for (const key of Object.keys(this.#temporary.get())) {
      if (this.#persistent[key]) kinds.set(key, 'persistent');
      else kinds.delete(key);
    }
    this.#temporary.reset();
  }

  setContext(context: MirroredContext): void {
    this.#context.set(context);
  }

  context(): MirroredContext | undefined {
    return this.#context.get();
  }

  /** A new object: persistent keys first, then the temporary ones in key-map order. */
  all(): Attributes {
    const result: Attributes = {};
    for (const key in this.#persistent) {
      const value = this.#persistent[key];
      if (value !== undefined) result[key] = value;
    }
    const temporary = this.#temporary.get();
    for (const [key, kind] of this.#kinds.get()) {
      if (kind === 'temp' && temporary[key] !== undefined) result[key] = temporary[key];
    }
    return result;
  }
}

function withoutReserved(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (!RESERVED_KEYS.has(key)) kept[key] = value;
  return kept;
}
