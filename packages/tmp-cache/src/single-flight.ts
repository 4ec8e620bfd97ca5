import { setTimeout as sleep } from 'node:timers/promises';
import { TmpCacheLockTimeoutError } from './errors.js';
import type { FillLock } from './locks.js';
import { rescan } from './scan.js';
import type { CacheState } from './state.js';

/**
 * getOrSet's single flight: one producer per key across concurrent invocations in this
 * process (a shared promise) and across threads and processes (a lock file in locks/).
 * Waiters poll while the invocation is active (never across a freeze: the wait is bounded
 * by the invocation's remaining time) and take the lock over when its owner has died or
 * its heartbeat is older than lockStaleMs.
 */
export async function singleFlight<T>(
  state: CacheState,
  id: string,
  existing: () => T | undefined,
  produce: (lock: FillLock) => Promise<T>,
): Promise<T> {
  const hit = existing();
  if (hit !== undefined) return hit;

  const running = state.inflight.get(id) as Promise<T> | undefined;
  if (running) {
    await running.catch(() => undefined);
    return singleFlight(state, id, existing, produce);
  }
  const flight = acquireAndProduce(state, id, existing, produce);
  state.inflight.set(id, flight);
  try {
    return await flight;
  } finally {
    state.inflight.delete(id);
  }
}

function waitLimitMs(state: CacheState): number {
  if (state.options.lockWaitMs !== undefined) return state.options.lockWaitMs;
  const remaining = state.currentInvocation()?.remainingMs();
  // Leave a little of the invocation for the caller to handle the timeout error.
  return remaining === undefined ? 60_000 : Math.max(0, remaining - 250);
}

async function acquireAndProduce<T>(
  state: CacheState, id: string, existing: () => T | undefined, produce: (lock: FillLock) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + waitLimitMs(state);
  let delay = 1;
  let waited = false;
  for (;;) {
    const lock = state.locks.tryAcquire(id);
    if (lock) {
      try {
        // Authoritative re-check under the lock: the previous holder may have just published.
        rescan(state, { reclaimTemps: false });
        const published = existing();
        if (published !== undefined) return published;
        state.counters.loads++;
        return await produce(lock);
      } finally {
        lock.release();
      }
    }
    if (!waited) {
      waited = true;
      state.counters.lockWaits++;
    }
    const lockState = state.locks.inspect(id);
    if (lockState.kind === 'abandoned') {
      if (state.locks.takeOver(id, lockState.ino)) state.counters.lockTakeovers++;
      continue;
    }
    if (lockState.kind === 'held') {
      rescan(state, { reclaimTemps: false });
      const published = existing();
      if (published !== undefined) return published;
    }
    if (Date.now() >= deadline) {
      throw new TmpCacheLockTimeoutError(
        `Another process or thread has been filling this key for longer than the wait limit (${waitLimitMs(state)} ms). Raise lockWaitMs, or check why its loader is slow.`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 25);
  }
}
