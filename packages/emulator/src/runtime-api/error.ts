// POST /runtime/invocation/{id}/error and /runtime/init/error: the function's failures.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-body.js';
import type { Outcome } from '../invocation.js';
import { MAX_ERROR_BODY_BYTES } from '../limits.js';
import { functionErrorFrom, keptErrorType } from '../platform-errors.js';
import type { Sandbox } from '../sandbox.js';
import { trafficRecord } from '../traffic.js';
import { accepted, header, refuse, xrayCause } from './replies.js';

const TOO_LARGE = {
  status: 413,
  errorType: 'RequestEntityTooLarge',
  errorMessage: `Exceeded maximum allowed payload size (${MAX_ERROR_BODY_BYTES} bytes).`,
};

function errorOutcome(req: IncomingMessage, body: Buffer, status: 'error' | 'init-error'): Outcome {
  const kept = keptErrorType(header(req.headers['lambda-runtime-function-error-type']));
  const error = functionErrorFrom(body, kept);
  // An empty or non-JSON body still gives the caller an error object, as the platform does.
  const payload = body.length > 0 && functionErrorIsJson(body) ? body : Buffer.from(JSON.stringify(error));
  const outcome: Outcome = { status, payload, error, errorTypeHeader: kept };
  const cause = xrayCause(req.headers['lambda-runtime-function-xray-error-cause']);
  if (cause !== undefined) outcome.xrayCause = cause;
  return outcome;
}

function functionErrorIsJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

export async function handleInvocationError(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const claimed = sandbox.claim(requestId);
  if (!('requestId' in claimed)) {
    const { body } = await readBody(req, 0);
    sandbox.record(requestId, trafficRecord(req, refuse(res, claimed), body));
    return;
  }
  const read = await readBody(req, MAX_ERROR_BODY_BYTES);
  if (read.aborted) {
    claimed.traffic.push(trafficRecord(req, 0, read.body));
    sandbox.release(claimed);
    return;
  }
  if (read.tooLarge) {
    claimed.traffic.push(trafficRecord(req, refuse(res, TOO_LARGE), read.body));
    sandbox.release(claimed);
    return;
  }
  claimed.traffic.push(trafficRecord(req, accepted(res), read.body));
  await sandbox.finish(claimed, errorOutcome(req, read.body, 'error'));
}

export async function handleInitError(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const read = await readBody(req, MAX_ERROR_BODY_BYTES);
  if (read.aborted) {
    sandbox.recordInit(trafficRecord(req, 0, read.body));
    return;
  }
  if (read.tooLarge) {
    sandbox.recordInit(trafficRecord(req, refuse(res, TOO_LARGE), read.body));
    return;
  }
  const refusal = sandbox.initError(errorOutcome(req, read.body, 'init-error'));
  sandbox.recordInit(trafficRecord(req, refusal ? refuse(res, refusal) : accepted(res), read.body));
}
