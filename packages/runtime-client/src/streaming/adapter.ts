import type { Context } from 'aws-lambda';
import { logInvocationError } from '../invocation/log-error.js';
import { streamingMarkOf } from './marker.js';
import { ResponseStream, type StreamOutcome } from './response-stream.js';
import type { StreamingRuntimeApi, StreamRequestLike } from './stream-request.js';

/** One streaming invocation as the dispatcher hands it over (invocation/streaming-port.ts). */
export interface StreamingInvocationLike {
  handler: unknown;
  event: unknown;
  context: Context;
  /** Opens the streamed POST; called once, at the first byte. */
  openResponse(contentType: string): StreamRequestLike;
}

export class StreamedResponseRefused extends Error {
  /** The stable name to match on: `error.name === 'StreamedResponseRefused'`. */
  override readonly name = 'StreamedResponseRefused';
}

/**
 * Runs a streaming handler to the end of its response. Resolves when the response is
 * complete. Rejects with the handler's error when it failed: before the first byte
 * nothing was sent and the dispatcher reports it through /error; mid-stream the error
 * trailers are already on the wire and the dispatcher only logs it. Rejects too when the
 * transport broke or the Runtime API refused the response.
 */
export async function runStreamingInvocation(invocation: StreamingInvocationLike): Promise<void> {
  const mark = streamingMarkOf(invocation.handler) ?? {};
  const stream = new ResponseStream({ open: (contentType) => invocation.openResponse(contentType), ...mark });
  const { outcome, failure } = await driveStreamingHandler(invocation.handler as StreamingCall, invocation.event, invocation.context, stream, logMidStreamFailure);
  if (failure) throw failure.error;
  if (outcome.status < 200 || outcome.status > 299) {
    throw new StreamedResponseRefused(`The Runtime API refused the streamed response with status ${outcome.status}: ${outcome.body.toString('utf8', 0, 512)}`);
  }
}

/** The same, with the Runtime API client and request id instead of the dispatcher's port. */
export function runStreamingHandler(handler: unknown, event: unknown, context: Context, api: StreamingRuntimeApi, requestId: string): Promise<void> {
  return runStreamingInvocation({ handler, event, context, openResponse: (contentType) => api.respondStream(requestId, contentType) });
}

/**
 * A failure after the first byte is logged as an Invoke Error before the trailers go out,
 * as the official client does (while the invocation is still open, so the line is
 * attributed to it). Before the first byte the dispatcher reports it through /error,
 * which logs it.
 */
function logMidStreamFailure(error: unknown, stream: ResponseStream): void {
  if (!stream.opened) return;
  console.warn('The streaming handler failed after its response had started; the error is sent in the response trailers.');
  logInvocationError('Invoke Error', error);
}

type StreamingCall = (event: unknown, stream: ResponseStream, context: Context) => unknown;

export interface DrivenStream {
  outcome: StreamOutcome;
  /** Present when the handler threw or rejected. */
  failure?: { error: unknown };
}

/**
 * The invocation rules, shared by the runtime and the unit-test helper:
 * - the response ends when the handler's promise settles, even if the handler never
 *   called end() (the official client then hangs until the timeout);
 * - a throw or rejection closes the response with the error trailers (or, before the
 *   first byte, leaves it unopened for /error).
 * Rejects only when the transport failed.
 */
export async function driveStreamingHandler(
  handler: StreamingCall,
  event: unknown,
  context: Context,
  stream: ResponseStream,
  beforeFail?: (error: unknown, stream: ResponseStream) => void,
): Promise<DrivenStream> {
  // Stream errors (a write after end, the handler's own destroy(err)) are reported
  // through the outcome; without a listener Node would also crash the process on them.
  stream.on('error', () => {});
  try {
    const result = await handler(event, stream, context);
    // The official client's warning, verbatim: the response is what was written.
    if (result !== undefined) console.warn('Streaming handlers ignore return values.');
  } catch (error) {
    beforeFail?.(error, stream);
    stream.fail(error);
    return { outcome: await stream.outcome, failure: { error } };
  }
  if (!stream.writableEnded && !stream.destroyed) stream.end();
  return { outcome: await stream.outcome };
}
