import { invokeStore } from './invoke-store.js';

/**
 * One value per invocation when invocations run concurrently, one shared value otherwise:
 * the same rule Powertools applies to its own per-invocation state (it keeps it in the
 * InvokeStore only when AWS_LAMBDA_MAX_CONCURRENCY is set and an invocation context is
 * active). The fast paths keep their mirrors of Powertools' state under this rule, so a
 * mirror is scoped exactly like the state it mirrors.
 *
 * `fresh` values (temporary keys) start empty in every invocation; other values fall back to
 * the shared one until the invocation sets its own (the Lambda context set at init).
 */
export class Scoped<T> {
  readonly #key = Symbol('thaw.scoped');
  #shared: T;

  constructor(
    private readonly create: () => T,
    private readonly fresh: boolean,
  ) {
    this.#shared = create();
  }

  get(): T {
    const store = invokeStore();
    if (store === undefined || !store.hasContext()) return this.#shared;
    const boxed = store.get(this.#key) as [T] | undefined;
    if (boxed !== undefined) return boxed[0];
    if (!this.fresh) return this.#shared;
    const value = this.create();
    store.set(this.#key, [value]);
    return value;
  }

  set(value: T): void {
    const store = invokeStore();
    if (store === undefined || !store.hasContext()) this.#shared = value;
    else store.set(this.#key, [value]);
  }

  reset(): void {
    const store = invokeStore();
    if (store === undefined || !store.hasContext()) this.#shared = this.create();
    else store.set(this.#key, undefined);
  }
}
