// A plain timer promise: node:timers/promises would be one more builtin to load before the
// first /next, for a function that only runs when the Runtime API misbehaves.
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
