import type { Context } from 'aws-lambda';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lambda } from './lambda.js';

const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const context = { awsRequestId: 'req' } as Context;

/** Marks a handler the way awslambda.streamifyResponse does, on AWS's runtimes and ours. */
function streamify<T extends (...args: never[]) => unknown>(handler: T, highWaterMark?: number): T {
  const marked = handler as unknown as Record<symbol, unknown>;
  marked[STREAMING] = 'response';
  if (highWaterMark !== undefined) marked[HIGH_WATER_MARK] = highWaterMark;
  return handler;
}

async function collect(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString();
}

describe('streaming handlers', () => {
  it('keeps the streaming marks on the wrapped handler and passes (event, stream, context)', async () => {
    const handler = lambda(
      streamify(async (event: { word: string }, stream: Writable, ctx: Context) => {
        stream.end(`${event.word} from ${ctx.awsRequestId}`);
      }, 4096),
    ).use({ before: () => undefined });
    const marked = handler as unknown as Record<symbol, unknown>;
    expect(marked[STREAMING]).toBe('response');
    expect(marked[HIGH_WATER_MARK]).toBe(4096);
    expect(handler.length).toBe(3);
    const stream = new PassThrough();
    const body = collect(stream);
    await handler({ word: 'hello' }, stream, context);
    expect(await body).toBe('hello from req');
  });

  it('lets before hooks see the response stream on the request', async () => {
    let seen: unknown;
    const handler = lambda(streamify(async (_e: unknown, stream: Writable) => void stream.end('x'))).use({
      before: (request) => void (seen = request.responseStream),
    });
    const stream = new PassThrough();
    const body = collect(stream);
    await handler({}, stream, context);
    await body;
    expect(seen).toBe(stream);
  });

  it('writes an early response to the stream when the handler never ran', async () => {
    const handler = lambda(streamify(async (_e: unknown, stream: Writable) => void stream.end('handler'))).use({
      before: () => 'from cache',
    });
    const stream = new PassThrough();
    const body = collect(stream);
    await handler({}, stream, context);
    expect(await body).toBe('from cache');
  });

  it('streams an error response an onError hook produced, including a Readable body', async () => {
    const handler = lambda(
      streamify(async (_event: unknown, _stream: Writable): Promise<void> => {
        throw new Error('broken');
      }),
    ).use({ onError: () => Readable.from(['sorry, ', 'try again']) });
    const stream = new PassThrough();
    const body = collect(stream);
    await handler({}, stream, context);
    expect(await body).toBe('sorry, try again');
  });

  it('switches to a streaming wrapper when .handler() gets a streaming handler', async () => {
    const lateBound = streamify(async (_e: unknown, stream: Writable) => void stream.end('late bound'));
    const handler = lambda().handler(lateBound);
    expect((handler as unknown as Record<symbol, unknown>)[STREAMING]).toBe('response');
    const stream = new PassThrough();
    const body = collect(stream);
    await handler({}, stream, context);
    expect(await body).toBe('late bound');
  });
});
