// The RIE-compatible invoke endpoint, and the clear errors for bad options and bad input.
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorOptionsError, InvokeInputError, startEmulator, type Emulator } from '@thaw/emulator';
import { errorPath, http, IDLE_RUNTIME, next, requestIdOf, responsePath, startDirect } from './helpers.js';

const INVOKE = '/2015-03-31/functions/function/invocations';
let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('invoke endpoint', () => {
  it('passes client context (base64), tenant, identity and trace headers through and answers like Invoke', async () => {
    emu = await startDirect({ functionVersion: '7' });
    expect(emu.invokeUrl).toBe(`http://${emu.runtimeApi}${INVOKE}`);
    const clientContext = { custom: { user: 'ana' }, env: { platform: 'test' } };
    const caller = http(emu.runtimeApi, 'POST', INVOKE, {
      body: '{"order":1}',
      headers: {
        'X-Amz-Client-Context': Buffer.from(JSON.stringify(clientContext)).toString('base64'),
        'X-Amz-Tenant-Id': 'blue',
        'X-Thaw-Cognito-Identity': '{"cognitoIdentityId":"abc"}',
        'X-Amzn-Trace-Id': 'Root=1-00000000-000000000000000000000001;Sampled=1',
        'X-Amz-Log-Type': 'Tail',
      },
    });
    const reply = await next(emu);
    expect(JSON.parse(String(reply.headers['lambda-runtime-client-context']))).toEqual(clientContext);
    expect(reply.headers['lambda-runtime-aws-tenant-id']).toBe('blue');
    expect(reply.headers['lambda-runtime-cognito-identity']).toBe('{"cognitoIdentityId":"abc"}');
    expect(reply.headers['lambda-runtime-trace-id']).toBe('Root=1-00000000-000000000000000000000001;Sampled=1');
    const id = requestIdOf(reply);
    await http(emu.runtimeApi, 'POST', responsePath(id), { body: '{"done":true}' });
    const answer = await caller;
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ done: true });
    expect(answer.headers['x-amz-request-id']).toBe(id);
    expect(answer.headers['x-amz-executed-version']).toBe('7');
    expect(answer.headers['x-amz-function-error']).toBeUndefined();
    expect(typeof answer.headers['x-amz-log-result']).toBe('string');
  });

  it('answers a function error with 200, the error JSON and X-Amz-Function-Error: Unhandled', async () => {
    emu = await startDirect();
    const caller = http(emu.runtimeApi, 'POST', INVOKE, { body: '{}' });
    const id = requestIdOf(await next(emu));
    const error = { errorType: 'Error', errorMessage: 'nope', trace: ['Error: nope'] };
    await http(emu.runtimeApi, 'POST', errorPath(id), { body: JSON.stringify(error), headers: { 'Lambda-Runtime-Function-Error-Type': 'Function.Nope' } });
    const answer = await caller;
    expect(answer.status).toBe(200);
    expect(answer.headers['x-amz-function-error']).toBe('Unhandled');
    expect(answer.json()).toEqual(error);
  });

  it('refuses a bad client context, a bad invocation type and an oversized event', async () => {
    emu = await startDirect();
    const badContext = await http(emu.runtimeApi, 'POST', INVOKE, { body: '{}', headers: { 'X-Amz-Client-Context': Buffer.from('not json').toString('base64') } });
    expect(badContext.status).toBe(400);
    expect(badContext.headers['x-amzn-errortype']).toBe('InvalidRequestContentException');
    expect(badContext.json().message).toContain('Base64-encoded JSON');
    const badType = await http(emu.runtimeApi, 'POST', INVOKE, { body: '{}', headers: { 'X-Amz-Invocation-Type': 'Sometimes' } });
    expect(badType.status).toBe(400);
    const tooBig = await http(emu.runtimeApi, 'POST', INVOKE, { body: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['x-amzn-errortype']).toBe('RequestTooLargeException');
  });

  it('accepts Event invocations with 202 and DryRun with 204', async () => {
    emu = await startDirect();
    const dry = await http(emu.runtimeApi, 'POST', INVOKE, { body: '{}', headers: { 'X-Amz-Invocation-Type': 'DryRun' } });
    expect(dry.status).toBe(204);
    const queued = await http(emu.runtimeApi, 'POST', INVOKE, { body: '{"async":true}', headers: { 'X-Amz-Invocation-Type': 'Event' } });
    expect(queued.status).toBe(202);
    const reply = await next(emu);
    expect(requestIdOf(reply)).toBe(queued.headers['x-amz-request-id']);
    expect(JSON.parse(reply.body.toString())).toEqual({ async: true });
  });
});

describe('bad input gets a clear error', () => {
  it('names the bad option and the fix', async () => {
    await expect(startEmulator({ command: [] })).rejects.toThrow(/command is required/);
    await expect(startEmulator({ command: IDLE_RUNTIME, taskRoot: '/no/such/dir' })).rejects.toThrow(/taskRoot \/no\/such\/dir is not a directory/);
    await expect(startEmulator({ command: IDLE_RUNTIME, maxConcurrency: 0 })).rejects.toThrow(/maxConcurrency must be a positive integer/);
    await expect(startEmulator({ command: IDLE_RUNTIME, memoryMB: 64 })).rejects.toThrow(/memoryMB must be an integer from 128 to 10240/);
    await expect(startEmulator({ command: IDLE_RUNTIME, timeoutSeconds: -1 })).rejects.toThrow(/timeoutSeconds/);
    await expect(startEmulator({ command: IDLE_RUNTIME, env: { AWS_LAMBDA_RUNTIME_API: 'x' } })).rejects.toThrow(/set by the emulator/);
    await expect(startEmulator({ command: IDLE_RUNTIME, logFormat: 'XML' as 'JSON' })).rejects.toBeInstanceOf(EmulatorOptionsError);
  });

  it('refuses events and invoke options that cannot reach a runtime', async () => {
    emu = await startDirect();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(emu.invoke(cyclic)).rejects.toBeInstanceOf(InvokeInputError);
    await expect(emu.invoke(Buffer.alloc(6 * 1024 * 1024 + 1))).rejects.toThrow(/at most 6291456 bytes/);
    await expect(emu.invoke({}, { clientContext: 'not json' })).rejects.toThrow(/clientContext must be an object or JSON text/);
    await expect(emu.invoke({}, { tenantId: 'line\nbreak' })).rejects.toThrow(/tenantId must be a non-empty string of printable ASCII/);
  });

  it('reports a command that cannot start as Runtime.ExitError naming the command option', async () => {
    emu = await startEmulator({ command: ['/no/such/runtime-binary'] });
    const result = await emu.invoke({});
    expect(result.status).toBe('exit');
    expect(result.error?.errorType).toBe('Runtime.ExitError');
    expect(result.error?.errorMessage).toMatch(/Runtime failed to start: .*ENOENT.*command option/);
  });

  it('rejects invocations still waiting when the emulator closes', async () => {
    emu = await startDirect();
    const pending = emu.invoke({});
    await emu.close();
    emu = undefined;
    await expect(pending).rejects.toThrow(/closed before invocation/);
  });
});
