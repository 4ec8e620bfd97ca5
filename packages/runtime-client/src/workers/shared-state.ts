// A few integers every thread of the runtime process sees: the main thread creates them and
// hands them to each worker thread (workerData), so that process-wide matters stay
// process-wide when the loops run in several threads.

/** The slots, each one Int32. */
export const SLOT = {
  /** 1 while a thread writes a log line: lines longer than a pipe's atomic write (4 KiB) must not interleave. */
  writeLock: 0,
  /** 1 while GET /next is failing: the outage is logged once per process, not once per thread. */
  nextOutage: 1,
} as const;

const SLOTS = 2;
let shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
let state = new Int32Array(shared);

/** The process's shared state, for the main thread to hand to the workers it starts. */
export function sharedStateBuffer(): SharedArrayBuffer {
  return shared;
}

/** In a worker thread: use the buffer the main thread created. */
export function adoptSharedState(buffer: SharedArrayBuffer): void {
  shared = buffer;
  state = new Int32Array(buffer);
}

export function sharedState(): Int32Array {
  return state;
}
