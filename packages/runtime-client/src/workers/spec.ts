// Tells the bootstrap whether it runs as a worker thread, without loading worker_threads:
// the main thread passes the worker's spec in the worker's own copy of the environment.
import { WORKER_SPEC_ENV, type WorkerSpec } from './messages.js';

/** Reads and removes the spec (functions must not see it); restores the telemetry fd the worker logs to. */
export function takeWorkerSpec(env: NodeJS.ProcessEnv): WorkerSpec | undefined {
  const raw = env[WORKER_SPEC_ENV];
  if (raw === undefined) return undefined;
  delete env[WORKER_SPEC_ENV];
  const spec = JSON.parse(raw) as WorkerSpec;
  if (spec.telemetryFd !== undefined) env['_LAMBDA_TELEMETRY_LOG_FD'] = spec.telemetryFd;
  return spec;
}
