// Error classes with stable names that callers can match on.

/** A bad option given to startEmulator; the message names the option and the fix. */
export class EmulatorOptionsError extends Error {
  /** The stable name to match on: `error.name === 'EmulatorOptionsError'`. */
  override readonly name = 'EmulatorOptionsError';
}

/** An invocation that could not be submitted (bad event or invoke option). */
export class InvokeInputError extends Error {
  /** The stable name to match on: `error.name === 'InvokeInputError'`. */
  override readonly name = 'InvokeInputError';
}

/** The emulator was closed while the invocation was queued or running. */
export class EmulatorClosedError extends Error {
  /** The stable name to match on: `error.name === 'EmulatorClosedError'`. */
  override readonly name = 'EmulatorClosedError';
  constructor(requestId: string) {
    super(`The emulator was closed before invocation ${requestId} completed; await invoke() before close().`);
  }
}
