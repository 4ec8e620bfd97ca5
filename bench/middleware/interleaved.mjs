// The timing loop of the middleware benches (run.mjs, observability.mjs), written once so
// that both tables are measured the same way and stay comparable.

/** The middle value: robust to the odd round that a noisy neighbour slowed down. */
export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * Times every variant (an async (event, context) function) and returns, per variant name,
 * the median over rounds of ns per awaited invocation. A tenth of the calls warm each
 * variant up first (JIT, caches). Every round runs each variant once, so machine noise hits
 * them alike, and the starting variant rotates each round so that garbage left by one
 * variant (e.g. AbortControllers) is not always collected while the same neighbour runs.
 */
export async function measureInterleaved(variants, { calls, rounds, context }) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const fn of Object.values(variants)) for (let i = 0; i < calls / 10; i++) await fn(i, context);
  const order = Object.entries(variants);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const [name, fn] = order[(round + k) % order.length];
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) await fn(i, context);
      samples[name].push(Number(process.hrtime.bigint() - start) / calls);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
}
