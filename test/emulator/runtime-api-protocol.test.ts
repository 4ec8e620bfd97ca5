// Runtime API conformance, spoken over HTTP by the test itself (no runtime client involved).
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '@thaw/emulator';
import { MAX_BUFFERED_RESPONSE_BYTES } from '@thaw/emulator';
import { errorPath, http, INIT_ERROR, next, NEXT, requestIdOf, responsePath, startDirect } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('Runtime API: /next', () => {
  it('answers with the event and every header the platform sends', async () => {
    emu = await startDirect({ functionName: 'orders', region: 'eu-west-1', timeoutSeconds: 30 });
    const invoked = emu.invoke({ hello: 'world' }, {
      clientContext: { client: { app_title: 'shop' }, custom: { note: 'café' } },
      identity: { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' },
      tenantId: 'tenant-42',
      traceId: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });
    const before = Date.now();
    const reply = await next(emu);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply.body.toString())).toEqual({ hello: 'world' });
    const id = requestIdOf(reply);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const deadline = Number(reply.headers['lambda-runtime-deadline-ms']);
    expect(deadline).toBeGreaterThan(before + 25_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(reply.headers['lambda-runtime-invoked-function-arn']).toBe('arn:aws:lambda:eu-west-1:012345678912:function:orders');
    expect(reply.headers['lambda-runtime-trace-id']).toBe('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    expect(JSON.parse(String(reply.headers['lambda-runtime-client-context']))).toEqual({ client: { app_title: 'shop' }, custom: { note: 'café' } });
    expect(JSON.parse(String(reply.headers['lambda-runtime-cognito-identity']))).toEqual({ cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' });
    expect(reply.headers['lambda-runtime-aws-tenant-id']).toBe('tenant-42');

    const posted = await http(emu.runtimeApi, 'POST', responsePath(id), { body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
    expect(posted.status).toBe(202);
    expect(posted.json()).toEqual({ status: 'OK' });
    const result = await invoked;
    expect(result).toMatchObject({ requestId: id, status: 'success', response: { ok: true }, streamed: false, cold: true });
    expect(result.payload.toString()).toBe('{"ok":true}');
    expect(result.traffic.map((t) => [t.method, t.path, t.status])).toEqual([
      ['GET', NEXT, 200],
      ['POST', responsePath(id), 202],
    ]);
    expect(result.traffic[1]?.body.toString()).toBe('{"ok":true}');
    expect(result.traffic[1]?.headers['content-type']).toBe('application/json');
  });

  it('generates a trace id when the caller gives none, and omits absent optional headers', async () => {
    emu = await startDirect();
    void emu.invoke('raw text event');
    const reply = await next(emu);
    expect(reply.body.toString()).toBe('raw text event');
    expect(reply.headers['lambda-runtime-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(reply.headers['lambda-runtime-client-context']).toBeUndefined();
    expect(reply.headers['lambda-runtime-cognito-identity']).toBeUndefined();
    expect(reply.headers['lambda-runtime-aws-tenant-id']).toBeUndefined();
  });

  it('refuses a second /next while one already waits (outside Managed Instances)', async () => {
    emu = await startDirect();
    // Of two concurrent polls one parks and the other is refused, whichever arrives second.
    const polls = [next(emu), next(emu)];
    const refused = await Promise.race(polls);
    expect(refused.status).toBe(403);
    expect(refused.json().errorType).toBe('InvalidStateTransition');
    void emu.invoke({ n: 1 });
    const answered = await Promise.all(polls);
    expect(answered.map((reply) => reply.status).sort()).toEqual([200, 403]);
  });
});

describe('Runtime API: response and error', () => {
  it('answers 403 to a second response and to an error after a response', async () => {
    emu = await startDirect();
    const invoked = emu.invoke({});
    const id = requestIdOf(await next(emu));
    expect((await http(emu.runtimeApi, 'POST', responsePath(id), { body: '1' })).status).toBe(202);
    const again = await http(emu.runtimeApi, 'POST', responsePath(id), { body: '2' });
    expect(again.status).toBe(403);
    expect(again.json().errorType).toBe('InvalidStateTransition');
    const late = await http(emu.runtimeApi, 'POST', errorPath(id), { body: '{}' });
    expect(late.status).toBe(403);
    const result = await invoked;
    expect(result.response).toBe(1);
    // Requests naming a finished invocation are still recorded on it.
    expect(result.traffic.map((t) => t.status)).toEqual([200, 202, 403, 403]);
  });

  it('answers 400 to an unknown id and leaves the current invocation alone', async () => {
    emu = await startDirect();
    const invoked = emu.invoke({});
    const id = requestIdOf(await next(emu));
    const unknown = await http(emu.runtimeApi, 'POST', responsePath('not-a-real-id'), { body: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({ errorType: 'InvalidRequestID', errorMessage: 'Invalid request ID' });
    const badEncoding = await http(emu.runtimeApi, 'POST', '/2018-06-01/runtime/invocation/%E0%A4%A/response', { body: 'x' });
    expect(badEncoding.status).toBe(400);
    expect((await http(emu.runtimeApi, 'POST', responsePath(id), { body: '"fine"' })).status).toBe(202);
    expect((await invoked).response).toBe('fine');
  });

  it(`accepts a buffered response of exactly ${MAX_BUFFERED_RESPONSE_BYTES} bytes`, async () => {
    emu = await startDirect();
    const invoked = emu.invoke({});
    const id = requestIdOf(await next(emu));
    const body = Buffer.alloc(MAX_BUFFERED_RESPONSE_BYTES, 0x61);
    expect((await http(emu.runtimeApi, 'POST', responsePath(id), { body })).status).toBe(202);
    const result = await invoked;
    expect(result.status).toBe('success');
    expect(result.payload.length).toBe(MAX_BUFFERED_RESPONSE_BYTES);
  });

  it('answers 413 to one byte more, and the caller gets Function.ResponseSizeTooLarge', async () => {
    emu = await startDirect();
    const caller = http(emu.runtimeApi, 'POST', '/2015-03-31/functions/function/invocations', { body: '{}' });
    const id = requestIdOf(await next(emu));
    const tooBig = await http(emu.runtimeApi, 'POST', responsePath(id), { body: Buffer.alloc(MAX_BUFFERED_RESPONSE_BYTES + 1, 0x61) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json()).toEqual({ errorType: 'RequestEntityTooLarge', errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).' });
    const reply = await caller;
    expect(reply.status).toBe(200);
    expect(reply.headers['x-amz-function-error']).toBe('Unhandled');
    expect(reply.json()).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    // The invocation is over: a retry of the response is a state error.
    expect((await http(emu.runtimeApi, 'POST', responsePath(id), { body: '1' })).status).toBe(403);
  });

  it('keeps an error type of the platform shape and replaces any other with Runtime.Unknown', async () => {
    emu = await startDirect();
    const kept = emu.invoke({});
    const id1 = requestIdOf(await next(emu));
    const cause = { working_directory: '/var/task', exceptions: [{ type: 'TypeError', message: 'x' }], paths: [] };
    const body = JSON.stringify({ errorType: 'TypeError', errorMessage: 'boom', trace: ['TypeError: boom', '    at f'] });
    const posted = await http(emu.runtimeApi, 'POST', errorPath(id1), {
      body,
      headers: { 'Lambda-Runtime-Function-Error-Type': 'Function.MyFailure', 'Lambda-Runtime-Function-XRay-Error-Cause': JSON.stringify(cause) },
    });
    expect(posted.status).toBe(202);
    const first = await kept;
    expect(first).toMatchObject({
      status: 'error',
      errorTypeHeader: 'Function.MyFailure',
      error: { errorType: 'TypeError', errorMessage: 'boom', trace: ['TypeError: boom', '    at f'] },
      xrayCause: cause,
    });
    expect(first.payload.toString()).toBe(body);

    const replaced = emu.invoke({});
    const id2 = requestIdOf(await next(emu));
    await http(emu.runtimeApi, 'POST', errorPath(id2), { body: 'not json', headers: { 'Lambda-Runtime-Function-Error-Type': 'TypeError' } });
    const second = await replaced;
    expect(second.errorTypeHeader).toBe('Runtime.Unknown');
    expect(second.error).toEqual({ errorType: 'Runtime.Unknown', errorMessage: 'not json' });
    expect(second.response).toEqual({ errorType: 'Runtime.Unknown', errorMessage: 'not json' });
  });

  it('refuses a response mode other than streaming with 400', async () => {
    emu = await startDirect();
    const invoked = emu.invoke({});
    const id = requestIdOf(await next(emu));
    const refused = await http(emu.runtimeApi, 'POST', responsePath(id), { body: 'x', headers: { 'Lambda-Runtime-Function-Response-Mode': 'buffered-please' } });
    expect(refused.status).toBe(400);
    expect(refused.json().errorType).toBe('InvalidFunctionResponseMode');
    await http(emu.runtimeApi, 'POST', responsePath(id), { body: '"ok"' });
    expect((await invoked).response).toBe('ok');
  });
});

describe('Runtime API: init/error', () => {
  it('reports an init error to the waiting caller and retries init at the next invoke', async () => {
    emu = await startDirect({ eagerInit: false });
    const invoked = emu.invoke({});
    // The emulator spawns the runtime now; the test plays its init and fails it.
    const posted = await postInitErrorWhenReady(emu, JSON.stringify({ errorType: 'Runtime.ImportModuleError', errorMessage: 'Cannot find module', trace: [] }));
    expect(posted.status).toBe(202);
    const result = await invoked;
    expect(result).toMatchObject({
      status: 'init-error',
      errorTypeHeader: 'Runtime.ImportModuleError',
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'Cannot find module' },
      cold: true,
    });
    expect(emu.initTraffic().map((t) => [t.method, t.path, t.status])).toEqual([['POST', INIT_ERROR, 202]]);

    const retried = emu.invoke({ second: true });
    const reply = await nextWhenReady(emu);
    expect(JSON.parse(reply.body.toString())).toEqual({ second: true });
    await http(emu.runtimeApi, 'POST', responsePath(requestIdOf(reply)), { body: '"recovered"' });
    expect(await retried).toMatchObject({ status: 'success', response: 'recovered', cold: true });
  });

  it('answers 403 to init/error once the first /next has been made', async () => {
    emu = await startDirect();
    void emu.invoke({});
    await next(emu);
    const late = await http(emu.runtimeApi, 'POST', INIT_ERROR, { body: '{}', headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Late' } });
    expect(late.status).toBe(403);
    expect(late.json().errorType).toBe('InvalidStateTransition');
  });
});

// While the emulator resets (stopping the old process), the Runtime API answers 500; retry.
async function nextWhenReady(target: Emulator) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const reply = await next(target);
    if (reply.status === 200) return reply;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the emulator never answered /next');
}

async function postInitErrorWhenReady(target: Emulator, body: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const reply = await http(target.runtimeApi, 'POST', INIT_ERROR, { body, headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' } });
    if (reply.status !== 500) return reply;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the emulator never accepted init/error');
}

describe('Runtime API: hostile input', () => {
  it('answers garbage paths, wrong methods and oversized headers without falling over', async () => {
    emu = await startDirect();
    expect((await http(emu.runtimeApi, 'GET', '/2018-06-01/runtime/nonsense')).status).toBe(404);
    expect((await http(emu.runtimeApi, 'GET', '/../../etc/passwd')).status).toBe(404);
    expect((await http(emu.runtimeApi, 'POST', NEXT)).status).toBe(405);
    expect((await http(emu.runtimeApi, 'GET', responsePath('x'))).status).toBe(405);
    expect((await http(emu.runtimeApi, 'GET', '/2018-06-01/runtime/invocation//response')).status).toBe(404);
    const huge = await http(emu.runtimeApi, 'GET', NEXT, { headers: { 'x-huge': 'a'.repeat(200_000) } });
    expect(huge.status).toBe(431);
    // Still serving.
    const invoked = emu.invoke({ still: 'alive' });
    const id = requestIdOf(await next(emu));
    await http(emu.runtimeApi, 'POST', responsePath(id), { body: '"yes"' });
    expect((await invoked).response).toBe('yes');
  });
});
