import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { driveStreamingHandler, runStreamingHandler, runStreamingInvocation } from './adapter.js';
import { HttpResponseStream } from './http-response-stream.js';
import type { ResponseStream } from './response-stream.js';
import type { StreamingRuntimeApi, StreamRequestLike } from './stream-request.js';
import { streamifyResponse } from './streamify.js';
import { createResponseStream, invokeStreamingHandler } from './test-response-stream.js';

const context = {} as Context;

describe('the streaming invocation rules', () => {
  it('ends the response when the handler returns without ending the stream', async () => {
    const result = await invokeStreamingHandler(
      streamifyResponse(async (_event: unknown, stream: ResponseStream) => {
        stream.write('one ');
        stream.write('two');
      }),
      {},
    );
    expect(result.ended).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.text()).toBe('one two');
  });

  it('ends an empty response for a handler that writes nothing', async () => {
    const result = await invokeStreamingHandler(async () => undefined, {});
    expect(result.ended).toBe(true);
    expect(result.body().length).toBe(0);
  });

  it('waits for the stream the handler ended itself', async () => {
    const result = await invokeStreamingHandler(async (event: { n: number }, stream: ResponseStream) => {
      stream.end(`n=${event.n}`);
    }, { n: 5 });
    expect(result.text()).toBe('n=5');
  });

  it('turns a rejection mid-stream into error trailers, keeping what was sent', async () => {
    const result = await invokeStreamingHandler(async (_e: unknown, stream: ResponseStream) => {
      stream.write('partial');
      await Promise.resolve();
      throw new Error('upstream went away');
    }, {});
    expect(result.text()).toBe('partial');
    expect(result.ended).toBe(true);
    expect(result.error).toMatchObject({ errorType: 'Error', errorMessage: 'upstream went away' });
  });

  it('reports a failure before the first byte without opening the response', async () => {
    const result = await invokeStreamingHandler(() => {
      throw new SyntaxError('bad template');
    }, {});
    expect(result.error).toMatchObject({ errorType: 'SyntaxError', errorMessage: 'bad template' });
    expect(result.contentType).toBeUndefined();
    expect(result.chunks).toEqual([]);
  });

  it('reports the handler destroying its stream with an error', async () => {
    const result = await invokeStreamingHandler(async (_e: unknown, stream: ResponseStream) => {
      stream.write('a');
      stream.destroy(new Error('aborted by handler'));
    }, {});
    expect(result.error?.errorMessage).toBe('aborted by handler');
  });

  it('sends the first chunk while the handler is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const captured = createResponseStream();
    const running = driveStreamingHandler(async (_e: unknown, stream: ResponseStream) => {
      stream.write('early');
      await gate;
      stream.write('late');
    }, {}, context, captured.stream);
    // The handler is parked on the gate: what reached the wire by now was sent live.
    await new Promise((resolve) => setImmediate(resolve));
    expect(captured.chunks.map(String)).toEqual(['early']);
    expect(captured.ended).toBe(false);
    release();
    await running;
    expect(captured.text()).toBe('earlylate');
    expect(captured.ended).toBe(true);
  });
});

function apiAnswering(status: number, opened: string[] = []): StreamingRuntimeApi {
  return {
    respondStream: (_id, contentType) => (
      opened.push(contentType),
      { write: () => true, onDrain: (cb) => cb(), end: async () => ({ status, body: Buffer.from('{"errorType":"InvalidStateTransition"}') }) }
    ),
  };
}

describe('runStreamingInvocation (the dispatcher port)', () => {
  const invocation = (handler: unknown, api: StreamingRuntimeApi) => ({ handler, event: {}, context, openResponse: (type: string) => api.respondStream('r', type) });

  it('rejects with the handler error and opens nothing when it failed before the first byte', async () => {
    const opened: string[] = [];
    const error = new Error('before any byte');
    await expect(runStreamingInvocation(invocation(streamifyResponse(async () => Promise.reject(error)), apiAnswering(202, opened)))).rejects.toBe(error);
    expect(opened).toEqual([]);
  });

  it('rejects with the handler error after sending it as trailers mid-stream', async () => {
    const trailers: Array<Record<string, string> | undefined> = [];
    const api: StreamingRuntimeApi = {
      respondStream: () => ({ write: () => true, onDrain: (cb) => cb(), end: async (t) => (trailers.push(t), { status: 202, body: Buffer.alloc(0) }) }),
    };
    const error = new RangeError('mid-stream');
    const handler = streamifyResponse(async (_e: unknown, stream: ResponseStream) => {
      stream.write('x');
      throw error;
    });
    await expect(runStreamingInvocation(invocation(handler, api))).rejects.toBe(error);
    expect(trailers[0]?.['Lambda-Runtime-Function-Error-Type']).toBe('Function.RangeError');
  });

  it('reads the mark from the handler itself, whatever the dispatcher passed as mark', async () => {
    let seen = 0;
    const handler = streamifyResponse(async (_e: unknown, stream: ResponseStream) => void (seen = stream.writableHighWaterMark), { highWaterMark: 777 });
    await runStreamingInvocation({ ...invocation(handler, apiAnswering(202)), mark: 'response' } as never);
    expect(seen).toBe(777);
  });

  it('says so when the Runtime API refuses the streamed response', async () => {
    await expect(runStreamingInvocation(invocation(streamifyResponse(async (_e: unknown, s: ResponseStream) => void s.write('x')), apiAnswering(403)))).rejects.toThrow(
      /refused the streamed response with status 403: \{"errorType":"InvalidStateTransition"\}/,
    );
  });
});

describe('runStreamingHandler', () => {
  it('opens the streamed response for the request id with the content type and uses the handler highWaterMark', async () => {
    const calls: Array<[string, string]> = [];
    const chunks: Buffer[] = [];
    const api: StreamingRuntimeApi = {
      respondStream(requestId, contentType): StreamRequestLike {
        calls.push([requestId, contentType]);
        return { write: (c) => (chunks.push(c), true), onDrain: (cb) => cb(), end: async () => ({ status: 202, body: Buffer.alloc(0) }) };
      },
    };
    let seenHighWaterMark = 0;
    const handler = streamifyResponse(
      async (_event: unknown, stream: ResponseStream) => {
        seenHighWaterMark = stream.writableHighWaterMark;
        HttpResponseStream.from(stream, { statusCode: 200 }).write('body');
      },
      { highWaterMark: 4096 },
    );
    await runStreamingHandler(handler, {}, context, api, 'req-42');
    expect(calls).toEqual([['req-42', 'application/vnd.awslambda.http-integration-response']]);
    expect(seenHighWaterMark).toBe(4096);
    expect(Buffer.concat(chunks).toString()).toBe('{"statusCode":200}\0\0\0\0\0\0\0\0body');
  });

  it('rejects when the transport fails, so the loop can apply its fault policy', async () => {
    const api: StreamingRuntimeApi = {
      respondStream: () => ({ write: () => true, onDrain: (cb) => cb(), end: () => Promise.reject(new Error('ECONNRESET')) }),
    };
    await expect(runStreamingHandler(streamifyResponse(async () => {}), {}, context, api, 'r')).rejects.toThrow('ECONNRESET');
  });
});
