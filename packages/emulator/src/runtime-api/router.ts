// Routes /2018-06-01 requests; garbage paths, bad ids and wrong methods get clear answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-body.js';
import type { Sandbox } from '../sandbox.js';
import { trafficRecord } from '../traffic.js';
import { handleInitError, handleInvocationError } from './error.js';
import { handleNext } from './next.js';
import { refuse } from './replies.js';
import { handleResponse } from './response.js';

export const RUNTIME_API_PREFIX = '/2018-06-01/';
const INVOCATION_ACTION = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

async function reject(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, status: number, errorType: string, errorMessage: string): Promise<void> {
  const { body } = await readBody(req, 0);
  sandbox.recordStray(trafficRecord(req, refuse(res, { status, errorType, errorMessage }), body));
}

export async function handleRuntimeApi(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? '';
  if (path === '/2018-06-01/runtime/invocation/next') {
    if (method !== 'GET') return reject(sandbox, req, res, 405, 'MethodNotAllowed', 'Use GET for /runtime/invocation/next.');
    return handleNext(sandbox, req, res);
  }
  if (path === '/2018-06-01/runtime/init/error') {
    if (method !== 'POST') return reject(sandbox, req, res, 405, 'MethodNotAllowed', 'Use POST for /runtime/init/error.');
    return handleInitError(sandbox, req, res);
  }
  const match = INVOCATION_ACTION.exec(path);
  if (!match) return reject(sandbox, req, res, 404, 'InvalidURLPath', `No Runtime API route for ${method} ${path}.`);
  if (method !== 'POST') return reject(sandbox, req, res, 405, 'MethodNotAllowed', `Use POST for /runtime/invocation/{id}/${match[2] ?? ''}.`);
  let requestId: string;
  try {
    requestId = decodeURIComponent(match[1] ?? '');
  } catch {
    return reject(sandbox, req, res, 400, 'InvalidRequestID', 'Invalid request ID (bad URI encoding).');
  }
  if (match[2] === 'response') return handleResponse(sandbox, req, res, requestId);
  return handleInvocationError(sandbox, req, res, requestId);
}
