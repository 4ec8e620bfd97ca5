import { DEFAULT_MARKER_PATH, openCrashMarker, type CrashMarker } from './crash-marker.js';

/**
 * What users mean by "cold start": the first invocation a runtime process serves, whatever
 * started it. Powertools only reports on-demand inits as cold; here provisioned-concurrency
 * (and snap-start, managed-instances) first invocations are cold too, and the init type is
 * reported beside the flag so the two can still be told apart.
 *
 * Process-wide (shared through a global symbol), so the logging and metrics middlewares, and
 * an ESM and a CommonJS copy of this package, agree on which invocation was the cold one.
 */
export interface StartInfo {
  /** This invocation is the first one of this runtime process. */
  cold: boolean;
  /** AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand' when unset. */
  initType: string;
  /** The previous runtime of this environment died mid-invocation (see crash-marker.ts). */
  previousRuntimeCrashed: boolean;
}

interface LifecycleState {
  served: boolean;
  inFlight: number;
  marker: CrashMarker | undefined;
}

const STATE_KEY = Symbol.for('thaw.observability.lifecycle');
const slot = globalThis as unknown as Record<symbol, LifecycleState | undefined>;
const state: LifecycleState = (slot[STATE_KEY] ??= { served: false, inFlight: 0, marker: undefined });

/** THAW_LIFECYCLE_MARKER: the marker's path, or 'off' to write none. */
function markerPath(): string | undefined {
  const configured = process.env.THAW_LIFECYCLE_MARKER;
  if (configured === 'off') return undefined;
  return configured || DEFAULT_MARKER_PATH;
}

/**
 * Opens the marker once per process. Called at module load (the init phase) by the
 * middleware factories, so the previous runtime's mark is read before this runtime
 * writes its own.
 */
export function prepareLifecycle(): void {
  if (state.marker !== undefined) return;
  const path = markerPath();
  state.marker = path === undefined ? { previousRuntimeCrashed: false, set: () => undefined } : openCrashMarker(path);
}

const INTERNAL_KEY = 'thaw.observability.start';

type WithInternal = { internal: Record<string, unknown> };

/**
 * Marks the start of an invocation (once per request, whichever middleware asks first) and
 * tells whether it is the cold one.
 */
export function beginInvocation(request: WithInternal): StartInfo {
  const known = request.internal[INTERNAL_KEY] as StartInfo | undefined;
  if (known !== undefined) return known;
  prepareLifecycle();
  const cold = !state.served;
  state.served = true;
  if (state.inFlight++ === 0) state.marker!.set(true);
  const info: StartInfo = {
    cold,
    initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE || 'on-demand',
    previousRuntimeCrashed: cold && state.marker!.previousRuntimeCrashed,
  };
  request.internal[INTERNAL_KEY] = info;
  return info;
}

/** Marks the end of an invocation; safe to call from several hooks. */
export function endInvocation(request: WithInternal): void {
  const info = request.internal[INTERNAL_KEY] as (StartInfo & { ended?: true }) | undefined;
  if (info === undefined || info.ended) return;
  info.ended = true;
  if (--state.inFlight === 0) state.marker!.set(false);
}

/** For tests: forget that an invocation was served, as in a fresh process. */
export function resetLifecycleForTests(): void {
  state.served = false;
  state.inFlight = 0;
  state.marker = undefined;
}
