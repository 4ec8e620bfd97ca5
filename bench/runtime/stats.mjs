// Small statistics for interleaved runs: medians of per-round figures, and ratios.

/** Median of a list of numbers (mean of the middle two for an even count). */
export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Reads a figure by dotted path ("1KB.cpuUs") from each round and takes the median. */
export function medianOf(rounds, path) {
  return median(rounds.map((r) => path.split('.').reduce((o, k) => o?.[k], r)));
}

/** a / b, or undefined when either is missing. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : undefined;
}

/** Rotates a list by `n` so that every contender goes first equally often. */
export function rotate(list, n) {
  const k = ((n % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
