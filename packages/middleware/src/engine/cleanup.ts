import type { Request } from './types.js';

/**
 * When an early response cuts the chain short, the hooks after the cut never run. Middlewares
 * that must always finish something (flush metrics, close a segment) store a cleanup
 * function in `request.internal`; the engine runs them after every early response.
 *
 * Two key families are honoured: ours (`thaw.cleanup.<name>`) and the ones Powertools for
 * AWS Lambda uses for the same purpose, so its middlewares also flush under this engine.
 */
export const CLEANUP_KEY_PREFIX = 'thaw.cleanup.';
const POWERTOOLS_CLEANUP_KEYS = [
  'powertools.tracer',
  'powertools.metrics',
  'powertools.logger',
  'powertools.idempotency',
] as const;

/** Receives the request (ours or Middy's: only `internal` is relied on). */
export type Cleanup = (request: any) => void | Promise<void>;

type WithInternal = Pick<Request, 'internal'>;

/** Registers (or replaces) this middleware's cleanup for the current invocation. */
export function registerCleanup(request: WithInternal, name: string, cleanup: Cleanup): void {
  request.internal[cleanupKey(name)] = cleanup;
}

/** The key for a name, made once: a key built on every call is hashed again on every store. */
const keys = new Map<string, string>();
function cleanupKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) keys.set(name, (key = CLEANUP_KEY_PREFIX + name));
  return key;
}

/** Removes a cleanup once the middleware's own after/onError did the work. */
export function unregisterCleanup(request: WithInternal, name: string): void {
  delete request.internal[cleanupKey(name)];
}

/**
 * Runs every registered cleanup once (thaw's newest first, then Powertools'), awaiting each.
 * Exported so middlewares that answer early under @middy/core can call it themselves.
 */
export async function runCleanups(request: WithInternal): Promise<void> {
  const internal = request.internal;
  const ours = Object.keys(internal).filter((key) => key.startsWith(CLEANUP_KEY_PREFIX)).reverse();
  for (const key of [...ours, ...POWERTOOLS_CLEANUP_KEYS]) {
    const cleanup = internal[key];
    if (typeof cleanup !== 'function') continue;
    // Removed before running so a cleanup never runs twice, even if it calls this again.
    delete internal[key];
    await (cleanup as Cleanup)(request);
  }
}

/** Cheap test for the hot path: most invocations register nothing. */
export function hasCleanups(request: WithInternal): boolean {
  for (const key in request.internal) {
    if (key.startsWith(CLEANUP_KEY_PREFIX) || key.startsWith('powertools.')) return true;
  }
  return false;
}
