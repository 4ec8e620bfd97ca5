import type { Context } from 'aws-lambda';
import { STREAM_RESPONSE, STREAMING_HANDLER, STREAMING_HIGH_WATER_MARK } from './marker.js';
import type { ResponseStream } from './response-stream.js';

/** A handler that writes its response to `responseStream` instead of returning it. */
export type StreamingHandler<TEvent = unknown, TResult = unknown> = (
  event: TEvent,
  responseStream: ResponseStream,
  context: Context,
) => TResult | Promise<TResult>;

/** Options of `streamifyResponse`. */
export interface StreamifyOptions {
  /** Bytes the response stream buffers before write() returns false. */
  highWaterMark?: number;
}

/**
 * `awslambda.streamifyResponse`: marks `handler` as a streaming handler and returns it
 * (the same function, as on the platform, so other wrappers still see its properties).
 */
export function streamifyResponse<TEvent = unknown, TResult = unknown>(
  handler: StreamingHandler<TEvent, TResult>,
  options?: StreamifyOptions,
): StreamingHandler<TEvent, TResult> {
  if (typeof handler !== 'function') {
    throw new TypeError(`streamifyResponse expects the handler function (event, responseStream, context), got ${handler === null ? 'null' : typeof handler}.`);
  }
  const highWaterMark = options?.highWaterMark;
  if (highWaterMark !== undefined && !(Number.isInteger(highWaterMark) && highWaterMark > 0)) {
    throw new RangeError(`streamifyResponse: highWaterMark must be a positive whole number of bytes, got ${JSON.stringify(highWaterMark)}.`);
  }
  const marked = handler as unknown as Record<PropertyKey, unknown>;
  marked[STREAMING_HANDLER] = STREAM_RESPONSE;
  if (highWaterMark !== undefined) marked[STREAMING_HIGH_WATER_MARK] = highWaterMark;
  return handler;
}
