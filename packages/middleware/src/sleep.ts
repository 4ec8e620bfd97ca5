/**
 * Waits `ms` milliseconds. A plain timer instead of node:timers/promises, whose import
 * would load that module at every cold start for the rare retry that waits.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
