// Streamed responses pass through to the caller live, with the error trailers surfaced.
import { request } from 'node:http';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '@thaw/emulator';
import { http, next, requestIdOf, responsePath, startDirect } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Opens a streamed response as a runtime does: chunked, response-mode header, trailers declared. */
function openStream(target: Emulator, id: string, contentType = 'text/plain') {
  const [host, port] = target.runtimeApi.split(':');
  const req = request({
    host,
    port: Number(port),
    method: 'POST',
    path: responsePath(id),
    agent: false,
    headers: {
      'Content-Type': contentType,
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      'Transfer-Encoding': 'chunked',
      Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
    },
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, answered };
}

/** Calls the invoke endpoint and hands back the response as soon as its headers arrive. */
async function callInvokeEndpoint(target: Emulator) {
  const [host, port] = target.runtimeApi.split(':');
  const req = request({ host, port: Number(port), method: 'POST', path: '/2015-03-31/functions/function/invocations', agent: false });
  req.end('{"stream":true}');
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  return res;
}

describe('streamed responses', () => {
  it('reach the invoke endpoint caller chunk by chunk, before the stream ends', async () => {
    emu = await startDirect();
    const target = emu;
    const callerPromise = callInvokeEndpoint(target);
    const id = requestIdOf(await next(target));
    const stream = openStream(target, id);
    stream.req.write('first chunk;');
    const caller = await callerPromise;
    expect(caller.statusCode).toBe(200);
    expect(caller.headers['content-type']).toBe('text/plain');
    expect(caller.headers['lambda-runtime-function-response-mode']).toBe('streaming');
    expect(caller.headers['x-amz-request-id']).toBe(id);
    // The caller receives the first chunk while the runtime still holds the stream open.
    const [first] = (await once(caller, 'data')) as [Buffer];
    expect(first.toString()).toBe('first chunk;');
    const rest: Buffer[] = [];
    caller.on('data', (chunk: Buffer) => rest.push(chunk));
    stream.req.end('second chunk');
    expect(await stream.answered).toBe(202);
    await once(caller, 'end');
    expect(Buffer.concat(rest).toString()).toBe('second chunk');
    expect(caller.trailers['x-amz-function-error']).toBeUndefined();
  });

  it('surface a mid-stream failure from the trailers, to the caller and in the result', async () => {
    emu = await startDirect();
    const chunks: string[] = [];
    const invoked = emu.invoke({}, { onChunk: (chunk) => chunks.push(chunk.toString()) });
    const id = requestIdOf(await next(emu));
    const stream = openStream(emu, id, 'application/octet-stream');
    stream.req.write('partial ');
    const errorJson = JSON.stringify({ errorType: 'Error', errorMessage: 'disk on fire', trace: [] });
    stream.req.addTrailers({
      'Lambda-Runtime-Function-Error-Type': 'Function.DiskOnFire',
      'Lambda-Runtime-Function-Error-Body': Buffer.from(errorJson).toString('base64'),
    });
    stream.req.end();
    expect(await stream.answered).toBe(202);
    const result = await invoked;
    expect(result).toMatchObject({
      status: 'error',
      streamed: true,
      contentType: 'application/octet-stream',
      errorTypeHeader: 'Function.DiskOnFire',
      error: { errorType: 'Error', errorMessage: 'disk on fire' },
    });
    expect(result.payload.toString()).toBe('partial ');
    expect(chunks.join('')).toBe('partial ');
    const recorded = result.traffic[1];
    expect(recorded?.headers['lambda-runtime-function-response-mode']).toBe('streaming');
    expect(recorded?.headers['lambda-runtime-function-error-type']).toBe('Function.DiskOnFire');
  });

  it('ends the caller stream with error trailers when the function fails mid-stream', async () => {
    emu = await startDirect();
    const callerPromise = callInvokeEndpoint(emu);
    const id = requestIdOf(await next(emu));
    const stream = openStream(emu, id);
    stream.req.write('some ');
    stream.req.addTrailers({
      'Lambda-Runtime-Function-Error-Type': 'Function.Broken',
      'Lambda-Runtime-Function-Error-Body': Buffer.from('{"errorType":"Broken","errorMessage":"no"}').toString('base64'),
    });
    stream.req.end();
    const caller = await callerPromise;
    caller.resume();
    await once(caller, 'end');
    expect(caller.trailers['x-amz-function-error']).toBe('Unhandled');
    expect(caller.trailers['lambda-runtime-function-error-type']).toBe('Function.Broken');
    const body = JSON.parse(Buffer.from(String(caller.trailers['lambda-runtime-function-error-body']), 'base64').toString());
    expect(body).toEqual({ errorType: 'Broken', errorMessage: 'no' });
  });

  it('reports a stream cut off by the runtime as truncated and keeps serving', async () => {
    emu = await startDirect();
    let chunkArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (chunkArrived = resolve));
    const invoked = emu.invoke({}, { onChunk: () => chunkArrived() });
    const id = requestIdOf(await next(emu));
    const stream = openStream(emu, id);
    stream.req.on('error', () => undefined);
    stream.answered.catch(() => undefined);
    stream.req.write('half of it');
    await arrived;
    stream.req.destroy();
    const result = await invoked;
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('Runtime.TruncatedResponse');
    expect(result.payload.toString()).toBe('half of it');

    const again = emu.invoke({ n: 2 });
    const id2 = requestIdOf(await next(emu));
    await http(emu.runtimeApi, 'POST', responsePath(id2), { body: '"fine"' });
    expect((await again).response).toBe('fine');
  });
});
