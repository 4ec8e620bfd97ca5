// What the main thread and the worker threads tell each other. Structured-clone plain data only.

/** The worker's part of the configuration, passed in its environment (read once, then removed). */
export interface WorkerSpec {
  index: number;
  /** Concurrent loops in this worker. */
  loops: number;
  /** _LAMBDA_TELEMETRY_LOG_FD of the process (the main thread removed it from its own environment). */
  telemetryFd?: string;
}

export const WORKER_SPEC_ENV = '_THAW_WORKER_SPEC';

/** An ErrorReport across threads: Buffers arrive as plain Uint8Arrays. */
export interface SerializedReport {
  body: Uint8Array;
  errorType: string;
  xrayCause?: string;
}

export type FromWorker =
  | { type: 'ready'; hooks: number }
  | { type: 'init-failed'; report: SerializedReport }
  | { type: 'started'; requestId: string }
  | { type: 'finished'; requestId: string }
  /** The Runtime API failed in a way that ends the process (already logged by the worker). */
  | { type: 'fatal'; exitCode: number }
  | { type: 'shutdown-done' };

export type ToWorker =
  | { type: 'start'; extensionRegistered: boolean; shutdownMode: 'auto' | 'on' | 'off' }
  | { type: 'shutdown'; reason: string; deadlineMs: number };
