// One log line when GET /next starts failing and one when it works again, however many
// loops are retrying: under Managed Instances 64 loops logging every attempt would bury
// the cause in noise.
let failingSince: number | undefined;

export function reportNextFailure(failure: string, delaysMs: readonly number[]): void {
  if (failingSince !== undefined) return;
  failingSince = Date.now();
  const total = delaysMs.reduce((sum, delay) => sum + delay, 0);
  console.warn(`GET /next failed: ${failure} Retrying with backoff (${delaysMs[0]} ms doubling up to ${Math.max(...delaysMs)} ms, about ${Math.round(total / 1000)} s in all) before the runtime exits.`);
}

export function reportNextRecovered(afterMs: number): void {
  if (failingSince === undefined) return;
  failingSince = undefined;
  console.warn(`GET /next works again after ${afterMs} ms of failures.`);
}
