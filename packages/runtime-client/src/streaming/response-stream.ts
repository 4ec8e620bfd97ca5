import { Writable } from 'node:stream';
import { errorTrailers, streamErrorBody, type StreamErrorBody } from './stream-error.js';
import { DEFAULT_CONTENT_TYPE, type StreamRequestLike } from './stream-request.js';

/** How a streamed response ended, once the platform has answered. */
export interface StreamOutcome {
  /** HTTP status the Runtime API answered the streamed POST with. */
  status: number;
  /** The body the Runtime API answered with. */
  body: Buffer;
  /** Set when the stream ended with error trailers. */
  error?: StreamErrorBody;
}

export interface ResponseStreamOptions {
  /** Opens the streamed POST; called at the first write (or at end), never earlier. */
  open: (contentType: string) => StreamRequestLike;
  /** Bytes buffered before write() returns false. Node's default when unset. */
  highWaterMark?: number;
}

/** A response stream was used in a state that does not allow it, such as setting the content type after the first byte was sent. */
export class ResponseStreamStateError extends Error {
  /** The stable name to match on: `error.name === 'ResponseStreamStateError'`. */
  override readonly name = 'ResponseStreamStateError';
}

/** Used by HttpResponseStream.from; a symbol so it stays off the handler-facing surface. */
export const SET_PRELUDE = Symbol('thaw.responseStream.setPrelude');

/**
 * The stream a streaming handler writes its response to. Each chunk goes to the Runtime
 * API as soon as it is written: nothing is held back to fill a buffer, so the first byte
 * leaves at once. When the transport's buffer is full, the callback of the chunk waits for
 * its drain; the Writable machinery then buffers up to highWaterMark and returns false from
 * write(), so a slow reader slows the writer instead of growing memory.
 * The streamed POST itself opens at the first write, because the content type travels in
 * its headers and may be set until then.
 */
export class ResponseStream extends Writable {
  readonly #open: (contentType: string) => StreamRequestLike;
  #contentType = DEFAULT_CONTENT_TYPE;
  #prelude: Buffer | undefined;
  #writeCalled = false;
  #request: StreamRequestLike | undefined;
  #ending: Promise<StreamOutcome> | undefined;
  #abandoned = false;
  readonly #outcome: Promise<StreamOutcome>;
  #settle!: { resolve: (outcome: StreamOutcome) => void; reject: (error: unknown) => void };

  constructor(options: ResponseStreamOptions) {
    super(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark });
    this.#open = options.open;
    this.#outcome = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // Nobody may await the outcome (a handler that ends the stream itself); a transport
    // failure is still reported through it, never as an unhandled rejection.
    this.#outcome.catch(() => {});
  }

  /** Resolves when the response is complete on the wire (ended or failed with trailers). */
  get outcome(): Promise<StreamOutcome> {
    return this.#outcome;
  }

  /** The content type the response is (or will be) sent with; `application/octet-stream` unless set. */
  get contentType(): string {
    return this.#contentType;
  }

  /** Sets the response's content type; allowed until the first byte is written. */
  setContentType(contentType: string): void {
    if (typeof contentType !== 'string' || contentType.trim() === '' || /[\r\n]/.test(contentType)) {
      throw new TypeError(`setContentType expects a content type such as "text/plain", got ${JSON.stringify(String(contentType))}.`);
    }
    if (this.#writeCalled || this.#request) {
      throw new ResponseStreamStateError('setContentType was called after the first write: the content type is sent with the first byte. Call it before writing.');
    }
    this.#contentType = contentType;
  }

  /** @internal */
  [SET_PRELUDE](prelude: Buffer): void {
    if (this.#writeCalled || this.#request) {
      throw new ResponseStreamStateError('HttpResponseStream.from was called after the first write: the prelude must be the first bytes of the response. Call it before writing.');
    }
    this.#prelude = prelude;
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    this.#writeCalled = true;
    // As the official ResponseStream: anything but bytes or a string is written as its JSON.
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    return super.write(data, encoding as BufferEncoding, callback as (error: Error | null | undefined) => void);
  }

  /** True once the streamed POST is open: from then on errors can only travel as trailers. */
  get opened(): boolean {
    return this.#request !== undefined;
  }

  /**
   * The handler failed. Mid-stream, the response ends with the error trailers. Before the
   * first byte nothing is opened, so that the runtime can report the error through /error
   * like any other handler failure (the caller then gets a normal error response).
   */
  fail(error: unknown): void {
    if (!this.#request) this.#abandoned = true;
    this.destroy(error instanceof Error ? error : new StreamHandlerFailure(error));
  }

  /** @internal */
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let request: StreamRequestLike;
    try {
      request = this.#ensureOpen();
    } catch (error) {
      return callback(error as Error);
    }
    // A zero-length chunk is the end marker of chunked encoding: never send one.
    if (chunk.length === 0 || request.write(chunk)) return callback();
    let called = false;
    request.onDrain(() => {
      if (called) return;
      called = true;
      callback();
    });
  }

  /** @internal */
  override _final(callback: (error?: Error | null) => void): void {
    this.#finish(undefined).then(
      () => callback(),
      (error: unknown) => callback(error as Error),
    );
  }

  /** @internal */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // destroy() without an error, before end: the handler gave up writing; close the
    // response normally rather than leaving the platform waiting for more chunks.
    this.#finish(error ?? undefined).then(
      () => callback(error),
      (transportError: unknown) => callback(error ?? (transportError as Error)),
    );
  }

  #ensureOpen(): StreamRequestLike {
    if (this.#request) return this.#request;
    const request = this.#open(this.#contentType);
    this.#request = request;
    if (this.#prelude) request.write(this.#prelude);
    return request;
  }

  // Ends the request exactly once, whichever of end() and destroy() comes first.
  #finish(error: Error | undefined): Promise<StreamOutcome> {
    if (this.#ending) return this.#ending;
    this.#ending = (async () => {
      const failed = error === undefined ? undefined : unwrap(error);
      if (this.#abandoned) return { status: 0, body: Buffer.alloc(0), error: streamErrorBody(failed) };
      const request = this.#ensureOpen();
      const answer = await request.end(failed === undefined ? undefined : errorTrailers(failed));
      return failed === undefined ? answer : { ...answer, error: streamErrorBody(failed) };
    })();
    this.#ending.then(this.#settle.resolve, this.#settle.reject);
    return this.#ending;
  }
}

/** Carries a thrown non-Error through destroy(), which wants an Error. */
class StreamHandlerFailure extends Error {
  constructor(readonly thrown: unknown) {
    super('non-Error thrown');
  }
}

function unwrap(error: Error): unknown {
  return error instanceof StreamHandlerFailure ? error.thrown : error;
}
