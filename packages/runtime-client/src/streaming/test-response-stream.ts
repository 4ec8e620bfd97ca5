import type { Context } from 'aws-lambda';
import { driveStreamingHandler } from './adapter.js';
import { HTTP_INTEGRATION_CONTENT_TYPE } from './http-response-stream.js';
import { streamingMarkOf } from './marker.js';
import { ResponseStream } from './response-stream.js';
import type { StreamErrorBody } from './stream-error.js';
import type { StreamRequestLike } from './stream-request.js';

/** A response stream with no runtime behind it, for unit tests of streaming handlers. */
export interface TestResponseStream {
  /** Give this to the handler as its responseStream. */
  readonly stream: ResponseStream;
  /** Every chunk as it would reach the caller, prelude included, in order. */
  readonly chunks: readonly Buffer[];
  /** The response's content type; undefined until the first byte (or end). */
  readonly contentType: string | undefined;
  /** The HttpResponseStream prelude ({statusCode, headers, cookies}), when one was sent. */
  readonly prelude: Record<string, unknown> | undefined;
  /** The body after the prelude. */
  body(): Buffer;
  /** The body after the prelude, as UTF-8 text. */
  text(): string;
  /** True once the response is complete (normally or with error trailers). */
  readonly ended: boolean;
  /**
   * The handler's error: sent as trailers when it failed mid-stream; when it failed before
   * the first byte nothing was opened (contentType stays undefined) and the runtime
   * reports it through /error like any handler error.
   */
  readonly error: StreamErrorBody | undefined;
  /** Resolves when the response is complete. */
  readonly done: Promise<void>;
}

/** Options of `createResponseStream`. */
export interface TestResponseStreamOptions {
  /** Bytes the stream buffers before write() returns false; Node's default when unset. */
  highWaterMark?: number;
}

/** A ResponseStream that records what it would have sent, instead of sending it. */
export function createResponseStream(options: TestResponseStreamOptions = {}): TestResponseStream {
  const chunks: Buffer[] = [];
  let contentType: string | undefined;
  let ended = false;
  const request: StreamRequestLike = {
    write: (chunk) => (chunks.push(Buffer.from(chunk)), true),
    onDrain: (callback) => queueMicrotask(callback),
    end: async () => ((ended = true), { status: 202, body: Buffer.alloc(0) }),
  };
  const stream = new ResponseStream({
    open: (type) => ((contentType = type), request),
    ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
  });
  let error: StreamErrorBody | undefined;
  const done = stream.outcome.then((outcome) => void (error = outcome.error));

  const split = () => splitPrelude(Buffer.concat(chunks), contentType);
  return {
    stream,
    chunks,
    get contentType() {
      return contentType;
    },
    get prelude() {
      return split().prelude;
    },
    body: () => split().body,
    text: () => split().body.toString('utf8'),
    get ended() {
      return ended;
    },
    get error() {
      return error;
    },
    done,
  };
}

/**
 * Runs a streamifyResponse handler as the runtime would (the response ends when its
 * promise settles; a failure becomes the error trailers) and returns what it sent.
 */
export async function invokeStreamingHandler(
  handler: (event: never, stream: ResponseStream, context: Context) => unknown,
  event: unknown,
  context: Partial<Context> = {},
): Promise<TestResponseStream> {
  const mark = streamingMarkOf(handler);
  const captured = createResponseStream(mark?.highWaterMark === undefined ? {} : { highWaterMark: mark.highWaterMark });
  await driveStreamingHandler(handler as never, event, context as Context, captured.stream);
  return captured;
}

function splitPrelude(wire: Buffer, contentType: string | undefined): { prelude?: Record<string, unknown>; body: Buffer } {
  if (contentType !== HTTP_INTEGRATION_CONTENT_TYPE) return { body: wire };
  const end = wire.indexOf(Buffer.alloc(8));
  if (end < 0) return { body: wire };
  return { prelude: JSON.parse(wire.toString('utf8', 0, end)) as Record<string, unknown>, body: wire.subarray(end + 8) };
}
