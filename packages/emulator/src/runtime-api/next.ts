// GET /runtime/invocation/next: a long poll answered with the next event and its headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Invocation } from '../invocation.js';
import type { Poller } from '../queue.js';
import type { Sandbox } from '../sandbox.js';
import { trafficRecord } from '../traffic.js';
import { EMPTY, refuse } from './replies.js';

function nextHeaders(invocation: Invocation, functionArn: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(invocation.event.length),
    'Lambda-Runtime-Aws-Request-Id': invocation.requestId,
    'Lambda-Runtime-Deadline-Ms': String(invocation.deadlineMs ?? Date.now()),
    'Lambda-Runtime-Invoked-Function-Arn': functionArn,
    'Lambda-Runtime-Trace-Id': invocation.context.traceId,
  };
  const { clientContext, identity, tenantId } = invocation.context;
  if (clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = clientContext;
  if (identity !== undefined) headers['Lambda-Runtime-Cognito-Identity'] = identity;
  if (tenantId !== undefined) headers['Lambda-Runtime-Aws-Tenant-Id'] = tenantId;
  return headers;
}

export function handleNext(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  let dropped = false;
  res.once('close', () => {
    dropped = true;
  });
  const poller: Poller = {
    generation: sandbox.generation,
    get closed() {
      return dropped || res.destroyed || res.writableEnded;
    },
    deliver(invocation) {
      res.writeHead(200, nextHeaders(invocation, sandbox.functionArn));
      res.end(invocation.event);
      invocation.traffic.push(trafficRecord(req, 200, EMPTY));
    },
  };
  const refusal = sandbox.park(poller);
  if (refusal) sandbox.recordStray(trafficRecord(req, refuse(res, refusal), EMPTY));
}
