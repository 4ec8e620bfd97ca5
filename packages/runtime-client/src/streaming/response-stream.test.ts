import { describe, expect, it } from 'vitest';
import { HttpResponseStream } from './http-response-stream.js';
import { ResponseStream } from './response-stream.js';
import type { StreamRequestLike } from './stream-request.js';
import { createResponseStream } from './test-response-stream.js';

/** An in-memory streamed POST that records trailers too. */
function recordingRequest() {
  const state = { contentType: undefined as string | undefined, chunks: [] as Buffer[], trailers: undefined as Record<string, string> | undefined, ended: false };
  const request: StreamRequestLike = {
    write: (chunk) => (state.chunks.push(Buffer.from(chunk)), true),
    onDrain: (callback) => queueMicrotask(callback),
    end: async (trailers) => {
      state.ended = true;
      state.trailers = trailers;
      return { status: 202, body: Buffer.alloc(0) };
    },
  };
  const stream = new ResponseStream({ open: (type) => ((state.contentType = type), request) });
  return { state, stream };
}

describe('ResponseStream', () => {
  it('sends the first chunk at once, before the handler writes anything else', () => {
    const captured = createResponseStream();
    captured.stream.write('a');
    expect(captured.chunks.map(String)).toEqual(['a']);
    captured.stream.write(Buffer.from('b'));
    captured.stream.write(new Uint8Array([99]));
    expect(captured.chunks.map(String)).toEqual(['a', 'b', 'c']);
  });

  it('opens the response with application/octet-stream by default', async () => {
    const captured = createResponseStream();
    captured.stream.end('x');
    await captured.done;
    expect(captured.contentType).toBe('application/octet-stream');
    expect(captured.ended).toBe(true);
  });

  it('uses the content type set before the first write', async () => {
    const captured = createResponseStream();
    captured.stream.setContentType('text/event-stream');
    captured.stream.end('data: 1\n\n');
    await captured.done;
    expect(captured.contentType).toBe('text/event-stream');
    expect(captured.text()).toBe('data: 1\n\n');
  });

  it('refuses setContentType after the first write, saying why', () => {
    const captured = createResponseStream();
    captured.stream.write('x');
    expect(() => captured.stream.setContentType('text/plain')).toThrow(/after the first write: the content type is sent with the first byte/);
    expect(captured.contentType).toBe('application/octet-stream');
  });

  it('refuses a content type that is empty or could break the header block', () => {
    const { stream } = createResponseStream();
    expect(() => stream.setContentType('')).toThrow(/expects a content type/);
    expect(() => stream.setContentType('text/plain\r\nX-Injected: 1')).toThrow(/expects a content type/);
  });

  it('opens and ends an empty response when the handler writes nothing', async () => {
    const { state, stream } = recordingRequest();
    stream.end();
    await stream.outcome;
    expect(state).toMatchObject({ contentType: 'application/octet-stream', chunks: [], ended: true, trailers: undefined });
  });

  it('never sends a zero-length chunk (it would end chunked encoding early)', async () => {
    const { state, stream } = recordingRequest();
    stream.write('');
    stream.write('a');
    stream.end();
    await stream.outcome;
    expect(state.chunks.map(String)).toEqual(['a']);
  });

  it('ends with both error trailers when failed mid-stream', async () => {
    const { state, stream } = recordingRequest();
    stream.on('error', () => {});
    stream.write('partial');
    stream.fail(new TypeError('lost the database'));
    const outcome = await stream.outcome;
    expect(state.chunks.map(String)).toEqual(['partial']);
    expect(state.trailers?.['Lambda-Runtime-Function-Error-Type']).toBe('Function.TypeError');
    const body = JSON.parse(Buffer.from(state.trailers?.['Lambda-Runtime-Function-Error-Body'] ?? '', 'base64').toString());
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'lost the database' });
    expect(body.trace[0]).toBe('TypeError: lost the database');
    expect(outcome.error).toEqual(body);
  });

  it('reports a thrown non-Error as the platform does', async () => {
    const { state, stream } = recordingRequest();
    stream.on('error', () => {});
    stream.write('x');
    stream.fail('just a string');
    await stream.outcome;
    const body = JSON.parse(Buffer.from(state.trailers?.['Lambda-Runtime-Function-Error-Body'] ?? '', 'base64').toString());
    expect(body).toEqual({ errorType: 'string', errorMessage: 'just a string', trace: [] });
  });

  it('keeps the error trailers small enough for a header block', async () => {
    const { state, stream } = recordingRequest();
    stream.on('error', () => {});
    const huge = new Error('m'.repeat(100_000));
    huge.stack = Array.from({ length: 5000 }, (_, i) => `    at frame${i} (/var/task/index.js:${i}:1)`).join('\n');
    huge.name = 'Bad\r\nName';
    stream.write('x');
    stream.fail(huge);
    await stream.outcome;
    expect(state.trailers?.['Lambda-Runtime-Function-Error-Body']?.length).toBeLessThanOrEqual(8 * 1024);
    expect(state.trailers?.['Lambda-Runtime-Function-Error-Type']).toBe('Function.BadName');
  });

  it('opens nothing when failed before the first byte, leaving the error to /error', async () => {
    const { state, stream } = recordingRequest();
    stream.on('error', () => {});
    stream.fail(new Error('no data today'));
    const outcome = await stream.outcome;
    expect(stream.opened).toBe(false);
    expect(state).toMatchObject({ contentType: undefined, ended: false });
    expect(outcome.error).toMatchObject({ errorType: 'Error', errorMessage: 'no data today' });
  });

  it('closes the response normally when destroyed without an error', async () => {
    const { state, stream } = recordingRequest();
    stream.write('x');
    stream.destroy();
    await stream.outcome;
    expect(state).toMatchObject({ ended: true, trailers: undefined });
  });
});

describe('HttpResponseStream.from', () => {
  it('sends the JSON prelude and 8 NUL bytes before the body, with the integration content type', async () => {
    const captured = createResponseStream();
    const stream = HttpResponseStream.from(captured.stream, { statusCode: 201, headers: { 'x-a': '1' }, cookies: ['s=1'] });
    expect(stream).toBe(captured.stream);
    stream.write('hello');
    stream.end(' world');
    await captured.done;
    expect(captured.contentType).toBe('application/vnd.awslambda.http-integration-response');
    const wire = Buffer.concat(captured.chunks);
    const prelude = '{"statusCode":201,"headers":{"x-a":"1"},"cookies":["s=1"]}';
    expect(wire.subarray(0, prelude.length).toString()).toBe(prelude);
    expect([...wire.subarray(prelude.length, prelude.length + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(captured.prelude).toEqual({ statusCode: 201, headers: { 'x-a': '1' }, cookies: ['s=1'] });
    expect(captured.text()).toBe('hello world');
  });

  it('sends the prelude even when the handler writes no body', async () => {
    const captured = createResponseStream();
    HttpResponseStream.from(captured.stream, { statusCode: 204 }).end();
    await captured.done;
    expect(captured.prelude).toEqual({ statusCode: 204 });
    expect(captured.body().length).toBe(0);
  });

  it('refuses to run after the first write', () => {
    const captured = createResponseStream();
    captured.stream.write('x');
    expect(() => HttpResponseStream.from(captured.stream, { statusCode: 200 })).toThrow(/after the first write/);
  });

  it('refuses a bad prelude with a message naming the field', () => {
    const { stream } = createResponseStream();
    expect(() => HttpResponseStream.from(stream, null as never)).toThrow(/expects a prelude object/);
    expect(() => HttpResponseStream.from(stream, { statusCode: 42 })).toThrow(/statusCode must be an integer from 100 to 599, got 42/);
    expect(() => HttpResponseStream.from(stream, { headers: [] as never })).toThrow(/headers must be an object/);
    expect(() => HttpResponseStream.from(stream, { cookies: 'a=1' as never })).toThrow(/cookies must be an array/);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => HttpResponseStream.from(stream, { statusCode: 200, extra: loop })).toThrow(/cannot be turned into JSON/);
  });

  it('refuses something that is not a stream', () => {
    expect(() => HttpResponseStream.from({} as never, { statusCode: 200 })).toThrow(/expects the response stream/);
  });
});

describe('error trailers', () => {
  it('carry the official error body, without the cause chain, as /error does', async () => {
    const { state, stream } = recordingRequest();
    stream.on('error', () => {});
    stream.write('x');
    stream.fail(new Error('render failed', { cause: new Error('template missing') }));
    await stream.outcome;
    const body = JSON.parse(Buffer.from(state.trailers?.['Lambda-Runtime-Function-Error-Body'] ?? '', 'base64').toString());
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body).toMatchObject({ errorType: 'Error', errorMessage: 'render failed' });
  });
});
