// LRU order needs every access to have its own place: two accesses within one millisecond of
// the wall clock (common on a fast machine) would otherwise tie, and eviction would pick
// between them arbitrarily. Stamps are wall-clock milliseconds (they are persisted as atimes
// and compared across processes), nudged forward by a microsecond when they would tie.
let last = 0;

/** A wall-clock timestamp in ms, strictly increasing within this process. */
export function accessStamp(now: number): number {
  last = now > last ? now : last + 0.001;
  return last;
}
