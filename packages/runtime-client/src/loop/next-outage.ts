// One log line when GET /next starts failing and one when it works again, however many
// loops (and worker threads) are retrying: under Managed Instances 64 loops logging every
// attempt would bury the cause in noise.
import { SLOT, sharedState } from '../workers/shared-state.js';

let failingSince: number | undefined;

export function reportNextFailure(failure: string, delaysMs: readonly number[]): void {
  if (failingSince !== undefined) return;
  failingSince = Date.now();
  // Another thread of this process may have reported the same outage already.
  if (Atomics.compareExchange(sharedState(), SLOT.nextOutage, 0, 1) !== 0) return;
  const total = delaysMs.reduce((sum, delay) => sum + delay, 0);
  console.warn(`GET /next failed: ${failure} Retrying with backoff (${delaysMs[0]} ms doubling up to ${Math.max(...delaysMs)} ms, about ${Math.round(total / 1000)} s in all) before the runtime exits.`);
}

export function reportNextRecovered(afterMs: number): void {
  if (failingSince === undefined) return;
  failingSince = undefined;
  if (Atomics.compareExchange(sharedState(), SLOT.nextOutage, 1, 0) !== 1) return;
  console.warn(`GET /next works again after ${afterMs} ms of failures.`);
}
