// POST /runtime/invocation/{id}/response: buffered (6 MiB + 100 bytes) or streamed to the caller live.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-body.js';
import type { Invocation } from '../invocation.js';
import { MAX_BUFFERED_RESPONSE_BYTES } from '../limits.js';
import { functionErrorFrom, keptErrorType, responseTooLargeError } from '../platform-errors.js';
import type { Sandbox } from '../sandbox.js';
import { trafficRecord } from '../traffic.js';
import { accepted, header, refuse } from './replies.js';

const MODE_HEADER = 'lambda-runtime-function-response-mode';

export async function handleResponse(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const mode = header(req.headers[MODE_HEADER]);
  if (mode !== undefined && mode.toLowerCase() !== 'streaming') {
    const { body } = await readBody(req, 0);
    const status = refuse(res, {
      status: 400,
      errorType: 'InvalidFunctionResponseMode',
      errorMessage: `Unsupported ${MODE_HEADER} "${mode}"; the only mode is "streaming" (omit the header for a buffered response).`,
    });
    sandbox.record(requestId, trafficRecord(req, status, body));
    return;
  }
  const claimed = sandbox.claim(requestId);
  if (!('requestId' in claimed)) {
    const { body } = await readBody(req, 0);
    sandbox.record(requestId, trafficRecord(req, refuse(res, claimed), body));
    return;
  }
  if (mode !== undefined) await streamed(sandbox, claimed, req, res);
  else await buffered(sandbox, claimed, req, res);
}

async function buffered(sandbox: Sandbox, invocation: Invocation, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const read = await readBody(req, MAX_BUFFERED_RESPONSE_BYTES);
  if (read.aborted) {
    invocation.traffic.push(trafficRecord(req, 0, read.body));
    sandbox.release(invocation);
    return;
  }
  if (read.tooLarge) {
    const status = refuse(res, {
      status: 413,
      errorType: 'RequestEntityTooLarge',
      errorMessage: `Exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
    });
    invocation.traffic.push(trafficRecord(req, status, read.body));
    const error = responseTooLargeError();
    await sandbox.finish(invocation, { status: 'error', payload: Buffer.from(JSON.stringify(error)), error, errorTypeHeader: error.errorType });
    return;
  }
  invocation.traffic.push(trafficRecord(req, accepted(res), read.body));
  await sandbox.finish(invocation, { status: 'success', payload: read.body, contentType: 'application/json' });
}

async function streamed(sandbox: Sandbox, invocation: Invocation, req: IncomingMessage, res: ServerResponse): Promise<void> {
  invocation.beginStream(header(req.headers['content-type']) ?? 'application/octet-stream');
  const chunks: Buffer[] = [];
  const ended = await new Promise<boolean>((resolve) => {
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A slow caller holds the runtime back instead of filling the emulator's memory.
      if (!invocation.pushChunk(chunk)) {
        req.pause();
        void invocation.drained().then(() => req.resume());
      }
    });
    req.once('end', () => resolve(true));
    req.once('close', () => resolve(req.complete));
    req.once('error', () => resolve(false));
  });
  if (!ended) {
    invocation.traffic.push(trafficRecord(req, 0, Buffer.concat(chunks)));
    sandbox.streamBroken(invocation);
    return;
  }
  invocation.traffic.push(trafficRecord(req, accepted(res), Buffer.concat(chunks)));
  const errorTypeTrailer = header(req.trailers['lambda-runtime-function-error-type']);
  const errorBodyTrailer = header(req.trailers['lambda-runtime-function-error-body']);
  if (errorTypeTrailer === undefined && errorBodyTrailer === undefined) {
    await sandbox.finish(invocation, { status: 'success', payload: Buffer.alloc(0) });
    return;
  }
  const kept = keptErrorType(errorTypeTrailer);
  const errorBody = Buffer.from(errorBodyTrailer ?? '', 'base64');
  await sandbox.finish(invocation, {
    status: 'error',
    payload: errorBody,
    error: functionErrorFrom(errorBody, kept),
    errorTypeHeader: kept,
  });
}
