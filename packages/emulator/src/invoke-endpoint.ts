// POST /2015-03-31/functions/{name}/invocations: AWS's emulator's endpoint (and the Invoke API's
// shape), so tools written for either work unchanged; streamed responses are passed on live.
//
// Request headers understood:
//   X-Amz-Client-Context     base64 of the client context JSON (as the Invoke API takes it)
//   X-Amz-Invocation-Type    RequestResponse (default) | Event (202, runs in the background) | DryRun (204)
//   X-Amz-Log-Type: Tail     adds X-Amz-Log-Result: base64 of the last 4 KB of the function's log lines
//   X-Amz-Tenant-Id          tenant id (tenant isolation mode); X-Thaw-Tenant-Id is accepted too
//   X-Thaw-Cognito-Identity  Cognito identity JSON (the Invoke API takes it from the caller's credentials)
//   X-Amzn-Trace-Id          X-Ray trace header passed as Lambda-Runtime-Trace-Id
// A streamed response is sent chunked as it arrives, with Lambda-Runtime-Function-Response-Mode:
// streaming; a failure ends it with trailers X-Amz-Function-Error, Lambda-Runtime-Function-Error-Type
// and Lambda-Runtime-Function-Error-Body (base64 of the error JSON).
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorClosedError, InvokeInputError } from './errors.js';
import { readBody, sendJson } from './http-body.js';
import { Invocation, type StreamListener } from './invocation.js';
import { invocationContext } from './invocation-input.js';
import { LOG_TAIL_BYTES, MAX_CLIENT_CONTEXT_BYTES, MAX_EVENT_BYTES } from './limits.js';
import { header } from './runtime-api/replies.js';
import type { Sandbox } from './sandbox.js';
import type { InvokeResult } from './types.js';

export const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { Type: 'User', message }, { 'X-Amzn-ErrorType': type });
}

function decodeClientContext(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.length > MAX_CLIENT_CONTEXT_BYTES) throw new InvokeInputError(`X-Amz-Client-Context is longer than ${MAX_CLIENT_CONTEXT_BYTES} characters.`);
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as unknown;
  } catch {
    throw new InvokeInputError('X-Amz-Client-Context must be a valid Base64-encoded JSON object.');
  }
}

function logTail(lines: string[]): string {
  const text = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  return text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('base64');
}

function streamListener(res: ServerResponse, requestId: () => string, version: string): StreamListener {
  return {
    start(contentType) {
      res.writeHead(200, {
        'Content-Type': contentType,
        'X-Amz-Request-Id': requestId(),
        'X-Amz-Executed-Version': version,
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        Trailer: 'X-Amz-Function-Error, Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      });
      res.flushHeaders();
    },
    chunk(data) {
      return res.destroyed ? true : res.write(data);
    },
    async drained() {
      if (!res.writableNeedDrain || res.destroyed) return;
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    },
  };
}

function finishStream(res: ServerResponse, result: InvokeResult): void {
  if (result.status !== 'success' && result.error) {
    res.addTrailers({
      'X-Amz-Function-Error': 'Unhandled',
      'Lambda-Runtime-Function-Error-Type': result.errorTypeHeader ?? result.error.errorType,
      'Lambda-Runtime-Function-Error-Body': Buffer.from(JSON.stringify(result.error)).toString('base64'),
    });
  }
  res.end();
}

export async function handleInvoke(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, version: string): Promise<void> {
  const read = await readBody(req, MAX_EVENT_BYTES);
  if (read.aborted) return;
  if (read.tooLarge) {
    awsError(res, 413, 'RequestTooLargeException', `Request must be smaller than ${MAX_EVENT_BYTES} bytes for the InvokeFunction operation`);
    return;
  }
  const invocationType = header(req.headers['x-amz-invocation-type']) ?? 'RequestResponse';
  if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
    awsError(res, 400, 'InvalidParameterValueException', `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got ${invocationType}.`);
    return;
  }
  let invocation: Invocation;
  try {
    const context = invocationContext({
      clientContext: decodeClientContext(header(req.headers['x-amz-client-context'])),
      identity: header(req.headers['x-thaw-cognito-identity']),
      tenantId: header(req.headers['x-amz-tenant-id']) ?? header(req.headers['x-thaw-tenant-id']),
      traceId: header(req.headers['x-amzn-trace-id']),
    });
    const streaming = invocationType === 'RequestResponse' ? streamListener(res, () => invocation.requestId, version) : undefined;
    invocation = new Invocation(read.body, context, streaming);
  } catch (error) {
    if (!(error instanceof InvokeInputError)) throw error;
    awsError(res, 400, 'InvalidRequestContentException', error.message);
    return;
  }
  if (invocationType === 'DryRun') {
    res.writeHead(204, { 'X-Amz-Request-Id': invocation.requestId }).end();
    return;
  }
  sandbox.submit(invocation);
  if (invocationType === 'Event') {
    res.writeHead(202, { 'X-Amz-Request-Id': invocation.requestId, 'Content-Length': '0' }).end();
    return;
  }
  let result: InvokeResult;
  try {
    result = await invocation.result;
  } catch (error) {
    if (!(error instanceof EmulatorClosedError)) throw error;
    if (res.headersSent) res.destroy();
    else awsError(res, 503, 'ServiceException', error.message);
    return;
  }
  if (result.streamed) {
    finishStream(res, result);
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(result.payload.length),
    'X-Amz-Request-Id': result.requestId,
    'X-Amz-Executed-Version': version,
  };
  if (result.status !== 'success') headers['X-Amz-Function-Error'] = 'Unhandled';
  if (header(req.headers['x-amz-log-type']) === 'Tail') headers['X-Amz-Log-Result'] = logTail(result.logs);
  if (!res.destroyed) res.writeHead(200, headers).end(result.payload);
}
