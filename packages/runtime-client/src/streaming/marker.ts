// The marks streamifyResponse puts on a handler, read by the invocation dispatcher to pick
// the streaming adapter. They are the official runtime's own registry symbols and values,
// so a handler marked by any other tool (Middy, Powertools, a hand-written wrapper, the
// platform's own awslambda.streamifyResponse) is recognised, and ours are recognised by
// those tools.
/** The registry symbol marking a streaming handler (value `'response'`); shared with AWS's runtime and the tools that mark handlers. */
export const STREAMING_HANDLER: unique symbol = Symbol.for('aws.lambda.runtime.handler.streaming');
/** The registry symbol holding a streaming handler's response buffer size in bytes. */
export const STREAMING_HIGH_WATER_MARK: unique symbol = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
/** The value of STREAMING_HANDLER that means "stream the response". */
export const STREAM_RESPONSE = 'response';

/** The options a streaming handler was marked with. */
export interface StreamingMark {
  /** Buffer size of the response stream in bytes, when the function set one. */
  highWaterMark?: number;
}

type Marked = Record<PropertyKey, unknown>;

/** The streaming mark of a handler, or undefined when it is not a streaming handler. */
export function streamingMarkOf(handler: unknown): StreamingMark | undefined {
  if (typeof handler !== 'function' || (handler as unknown as Marked)[STREAMING_HANDLER] !== STREAM_RESPONSE) return undefined;
  const highWaterMark = (handler as unknown as Marked)[STREAMING_HIGH_WATER_MARK];
  return typeof highWaterMark === 'number' && Number.isInteger(highWaterMark) && highWaterMark > 0 ? { highWaterMark } : {};
}

/** True when `handler` is marked as a streaming handler, by `streamifyResponse` or any tool that uses the same marks. */
export function isStreamingHandler(handler: unknown): boolean {
  return streamingMarkOf(handler) !== undefined;
}
