// @thaw/emulator: a local Lambda (Runtime API, Extensions API SHUTDOWN, invoke endpoint).
export { startEmulator } from './emulator.js';
export { EmulatorClosedError, EmulatorOptionsError, InvokeInputError } from './errors.js';
export { MAX_BUFFERED_RESPONSE_BYTES, MAX_EVENT_BYTES, ON_DEMAND_INIT_LIMIT_MS, SHUTDOWN_GRACE_MS } from './limits.js';
export type {
  Emulator,
  EmulatorOptions,
  FunctionErrorBody,
  InitializationType,
  InvokeOptions,
  InvokeResult,
  InvokeStatus,
  LogFormat,
  TrafficRecord,
} from './types.js';
export type { FaultKind, FaultTarget, InjectedFault, RuntimeApiFaultOptions } from './faults.js';
// The local KMS stand-in (startKms): see kms/index.ts.
export * from './kms/index.js';
