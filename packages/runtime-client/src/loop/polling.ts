// The loops' Runtime API connections, so that a dying runtime can stop asking for work
// before it reports the invocations it holds: a /next answered while it dies would be an
// invocation nobody runs and nobody reports (under worker threads, the process lives on).
import type { RuntimeApi } from '../api/runtime-api.js';

const polling = new Set<RuntimeApi>();
let stopped = false;

export function trackPoller(api: RuntimeApi): void {
  polling.add(api);
}

/** Closes every loop's connection; the loops then wait forever instead of retrying. */
export function stopPolling(): void {
  stopped = true;
  for (const api of polling) api.close();
}

/**
 * Shutdown: no new /next, and a failing one is no reason to exit any more (the platform
 * refuses /next while it stops the environment). Responses in flight go on.
 */
export function stopAskingForWork(): void {
  stopped = true;
}

export function pollingStopped(): boolean {
  return stopped;
}

/** What a loop awaits once polling stopped: the process is about to exit. */
export function parkForever(): Promise<never> {
  return new Promise<never>(() => undefined);
}
