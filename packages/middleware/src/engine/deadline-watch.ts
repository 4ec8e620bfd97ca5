/**
 * One timer for every invocation's deadline, instead of one per invocation.
 *
 * A timer per invocation costs a setTimeout and a clearTimeout each time (about 0.45 µs on
 * Node 24 here, more than the engine's own work): every invocation's remaining time differs,
 * so Node makes and drops a timer list for each. Here the watched invocations are a set, and
 * a single timer wakes up at the earliest of their due times. An invocation that ends leaves
 * the set and the timer as it is: when it wakes up early for an invocation that has already
 * ended, it looks at the set and sleeps again until the next due time. In a steady stream of
 * invocations that is about once per timeout period, not once per invocation.
 *
 * The timer keeps the process alive only while an invocation is watched, as a per-invocation
 * timer did; otherwise it is unref'd, so a process with nothing left to do can still exit.
 */
export interface Watched {
  /** When the deadline work must run, on the performance.now() clock (monotonic: a wall-clock step or a frozen Date cannot move it). */
  dueAt: number | undefined;
}

/** setTimeout's longest delay: a longer one fires at once, with a warning. Farther due times wake up this early and sleep again. */
const LONGEST_DELAY_MS = 2 ** 31 - 1;

export class DeadlineWatch<T extends Watched> {
  readonly #watched = new Set<T>();
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** The due time the timer is set for, and when it was set to fire (earlier, past setTimeout's longest delay). */
  #wakeAt = Number.POSITIVE_INFINITY;
  #firesAt = Number.POSITIVE_INFINITY;

  /** `reached` runs for each watched item whose due time has come. */
  constructor(private readonly reached: (item: T) => void) {}

  /** Watches `item` until `forget` (or until it is due). */
  watch(item: T, dueAt: number, now: number): void {
    item.dueAt = dueAt;
    this.#watched.add(item);
    if (dueAt < this.#wakeAt) this.#wakeUpAt(dueAt, now);
    else if (this.#watched.size === 1) this.#timer?.ref();
  }

  forget(item: T): void {
    if (this.#watched.delete(item) && this.#watched.size === 0) this.#timer?.unref();
  }

  /** For tests: how many items are watched, and whether the timer holds the process open. */
  get state(): { watched: number; keepsProcessAlive: boolean } {
    return { watched: this.#watched.size, keepsProcessAlive: this.#timer?.hasRef() ?? false };
  }

  #wakeUpAt(at: number, now: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#wakeAt = at;
    const delay = Math.min(LONGEST_DELAY_MS, Math.max(0, at - now));
    this.#firesAt = now + delay;
    this.#timer = setTimeout(this.#wake, delay);
    if (this.#watched.size === 0) this.#timer.unref();
  }

  readonly #wake = (): void => {
    // The timer decides when time has come, as a timer of its own per invocation did: Node's
    // timers can fire a little before the clock reaches their time (they count from the event
    // loop's cached clock), and a test's fake timers move without the clock. A timer that
    // fires late is read by the clock.
    const now = Math.max(performance.now(), this.#firesAt);
    this.#timer = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    this.#firesAt = Number.POSITIVE_INFINITY;
    const due: T[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const item of this.#watched) {
      const dueAt = item.dueAt!;
      if (dueAt <= now) due.push(item);
      else if (dueAt < next) next = dueAt;
    }
    for (const item of due) this.#watched.delete(item);
    // Armed for the rest before any deadline work runs, so a failing one cannot leave them unwatched.
    if (next !== Number.POSITIVE_INFINITY) this.#wakeUpAt(next, now);
    for (const item of due) {
      try {
        this.reached(item);
      } catch (error) {
        // Still an uncaught exception, as it was from a timer of its own, once the others ran.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
}
