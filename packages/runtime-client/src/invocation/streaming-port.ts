// The seam between the dispatcher (here) and the streaming adapter (owned by the
// streaming work, invocation/streaming-adapter.ts). The dispatcher gives the adapter a
// way to open the streamed response; the adapter runs the handler and the stream.
import type { StreamRequest } from '../api/transport.js';
import type { StreamingMark } from '../streaming/marker.js';
import type { LambdaContext } from './context.js';

export type { StreamRequest } from '../api/transport.js';

export type StreamingHandler = (event: unknown, responseStream: unknown, context: LambdaContext) => unknown;

export interface StreamingInvocation {
  handler: StreamingHandler;
  mark: StreamingMark;
  event: unknown;
  context: LambdaContext;
  /**
   * Opens the streamed response (POST .../response with
   * Lambda-Runtime-Function-Response-Mode: streaming). Call at most once; after it,
   * errors can only travel as trailers.
   */
  openResponse(contentType: string, extraHeaders?: Record<string, string>): StreamRequest;
}

/**
 * Runs a streaming handler. Resolves when the response is complete. Rejects with the
 * handler's error when it failed before openResponse was called: the dispatcher then
 * posts it to /error like any other failure.
 */
export type StreamingAdapter = (invocation: StreamingInvocation) => Promise<void>;
