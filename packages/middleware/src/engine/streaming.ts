import type { Writable } from 'node:stream';

/**
 * The public marks `awslambda.streamifyResponse` puts on a handler (the same symbols on
 * AWS's managed runtimes and ours). Reading them is how we know a handler streams, and
 * copying them is how the wrapped handler stays a streaming handler.
 */
const STREAMING_MARK = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');

type Marked = { [STREAMING_MARK]?: unknown; [HIGH_WATER_MARK]?: unknown };

export function isStreamingHandler(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as Marked)[STREAMING_MARK] === 'response';
}

export function copyStreamingMarks(from: unknown, to: object): void {
  const source = from as Marked;
  const target = to as Marked;
  target[STREAMING_MARK] = source[STREAMING_MARK];
  if (source[HIGH_WATER_MARK] !== undefined) target[HIGH_WATER_MARK] = source[HIGH_WATER_MARK];
}

interface HttpResponseStreamApi {
  from(stream: Writable, prelude: Record<string, unknown>): Writable;
}

/**
 * A streaming handler usually writes its own body. When the chain produced a response value
 * instead (an early response, an error handler's answer) and nothing was written yet, send
 * that value, so middlewares like @middy/http-error-handler work for streaming functions too.
 */
export async function sendResponseValue(stream: Writable, response: unknown): Promise<void> {
  if (response === undefined || stream.writableEnded || stream.writableLength > 0) return;
  let target = stream;
  let body: unknown = response;
  if (isHttpResponse(response)) {
    const { body: httpBody, ...prelude } = response;
    body = httpBody ?? '';
    const api = (globalThis as { awslambda?: { HttpResponseStream?: HttpResponseStreamApi } }).awslambda
      ?.HttpResponseStream;
    if (api !== undefined) target = api.from(stream, prelude);
  }
  // node:stream is loaded only for a body that may be a stream: most functions never send
  // one, and importing it at module load costs every cold start.
  if (typeof (body as { pipe?: unknown } | null)?.pipe === 'function') {
    const { Readable } = await import('node:stream');
    if (body instanceof Readable) {
      const { pipeline } = await import('node:stream/promises');
      await pipeline(body, target);
      return;
    }
  }
  const chunk = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  await new Promise<void>((resolve, reject) => {
    target.once('error', reject);
    target.end(chunk, () => resolve());
  });
}

function isHttpResponse(value: unknown): value is { statusCode: number; body?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';
}
