// The platform's numbers, in one place so that tests and docs can name them.

/** Largest buffered response the Runtime API accepts (6 MiB + 100 bytes); one byte more gets 413. */
export const MAX_BUFFERED_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

/** Largest error body (`/error`, `/init/error`) accepted; the platform applies the same cap. */
export const MAX_ERROR_BODY_BYTES = MAX_BUFFERED_RESPONSE_BYTES;

/** Largest synchronous invocation payload (6 MiB) the Invoke API accepts. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/** On-demand init is cut off after 10 s and retried inside the first invocation. */
export const ON_DEMAND_INIT_LIMIT_MS = 10_000;

/** Provisioned concurrency and Managed Instances allow inits of up to 15 minutes. */
export const LONG_INIT_LIMIT_MS = 15 * 60_000;

/** Time between SHUTDOWN/SIGTERM and SIGKILL when an internal extension is registered. */
export const SHUTDOWN_GRACE_MS = 500;

/** The X-Ray error cause header is dropped above 64 KiB, as the platform does. */
export const MAX_XRAY_CAUSE_BYTES = 64 * 1024;

/** Header block limit for Runtime API requests: room for a 64 KiB X-Ray cause plus the rest. */
export const MAX_HEADER_BYTES = 128 * 1024;

/** Client context limit of the Invoke API (base64 text). */
export const MAX_CLIENT_CONTEXT_BYTES = 3583;

/** Size of the log tail returned for `X-Amz-Log-Type: Tail`, as the Invoke API does. */
export const LOG_TAIL_BYTES = 4096;

/** How long a broken response stream waits for the runtime's exit before it is reported as truncated. */
export const STREAM_BREAK_GRACE_MS = 200;

/**
 * Payload bytes (events and Runtime API bodies) the emulator keeps of finished invocations, to
 * recognise late requests for them; past it the oldest are forgotten (a late request then gets 400).
 */
export const RECENT_INVOCATION_BYTES = 64 * 1024 * 1024;

/** Account id used in function ARNs; the same one AWS's emulator uses. */
export const LOCAL_ACCOUNT_ID = '012345678912';
