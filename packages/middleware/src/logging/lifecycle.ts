import { DEFAULT_MARKER_PATH, readAndWriteStartMarker } from './crash-marker.js';

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
  /** This runtime is a re-init: an earlier runtime of this environment died (crash-marker.ts). */
  reinit: boolean;
}

interface LifecycleState {
  served: boolean;
  reinit: boolean | undefined;
  /** Read once: the platform sets it when it starts the process (an environment read costs about 0.3 µs). */
  initType?: string | undefined;
}

const STATE_KEY = Symbol.for('thaw.observability.lifecycle');
const slot = globalThis as unknown as Record<symbol, LifecycleState | undefined>;
const state: LifecycleState = (slot[STATE_KEY] ??= { served: false, reinit: undefined });

/**
 * Reads and writes the start marker once per process. Called by the middleware factories,
 * at module load (the init phase). THAW_LIFECYCLE_MARKER sets its path, or 'off'.
 */
export function prepareLifecycle(): void {
  if (state.reinit !== undefined) return;
  const configured = process.env.THAW_LIFECYCLE_MARKER;
  state.reinit = configured === 'off' ? false : readAndWriteStartMarker(configured || DEFAULT_MARKER_PATH).reinit;
}

const INTERNAL_KEY = 'thaw.observability.start';

type WithInternal = { internal: Record<string, unknown> };

/** Tells whether this invocation is the cold one (decided once per request, by whichever middleware asks first). */
export function beginInvocation(request: WithInternal): StartInfo {
  const known = request.internal[INTERNAL_KEY] as StartInfo | undefined;
  if (known !== undefined) return known;
  const cold = !state.served;
  if (cold) prepareLifecycle();
  state.served = true;
  const info: StartInfo = {
    cold,
    initType: (state.initType ??= process.env.AWS_LAMBDA_INITIALIZATION_TYPE || 'on-demand'),
    reinit: cold && state.reinit === true,
  };
  request.internal[INTERNAL_KEY] = info;
  return info;
}

/** For tests: forget that an invocation was served, as in a fresh process. */
export function resetLifecycleForTests(): void {
  state.served = false;
  state.reinit = undefined;
  state.initType = undefined;
}
