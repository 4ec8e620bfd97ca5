// HTTP side of the Extensions API: register (during init only), event/next, init/error, exit/error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ExtensionEvent } from './extensions.js';
import { readBody, sendJson } from './http-body.js';
import { EMPTY, header } from './runtime-api/replies.js';
import type { Sandbox } from './sandbox.js';
import { trafficRecord } from './traffic.js';

const PREFIX = '/2020-01-01/extension/';
const MAX_REGISTER_BODY = 64 * 1024;

function fail(res: ServerResponse, status: number, errorType: string, errorMessage: string): number {
  sendJson(res, status, { errorMessage, errorType });
  return status;
}

export function isExtensionsPath(path: string): boolean {
  return path.startsWith(PREFIX);
}

export async function handleExtensions(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const action = path.slice(PREFIX.length);
  const id = header(req.headers['lambda-extension-identifier']);
  if (action === 'register' && req.method === 'POST') return register(sandbox, req, res);
  if (action === 'event/next' && req.method === 'GET') return next(sandbox, req, res, id);
  if ((action === 'init/error' || action === 'exit/error') && req.method === 'POST') {
    const { body } = await readBody(req, MAX_REGISTER_BODY);
    const status = sandbox.extensions.isRegistered(id)
      ? (sendJson(res, 202, { status: 'OK' }), 202)
      : fail(res, 403, 'Extension.Forbidden', 'Unknown Lambda-Extension-Identifier; register first.');
    sandbox.recordInit(trafficRecord(req, status, body));
    return;
  }
  const { body } = await readBody(req, 0);
  sandbox.recordInit(trafficRecord(req, fail(res, 404, 'InvalidURLPath', `No Extensions API route for ${req.method ?? ''} ${path}.`), body));
}

async function register(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const read = await readBody(req, MAX_REGISTER_BODY);
  const record = (status: number): void => sandbox.recordInit(trafficRecord(req, status, read.body));
  if (sandbox.phase !== 'initializing') {
    record(fail(res, 403, 'Extension.InvalidState', 'Extensions can only register during the init phase.'));
    return;
  }
  let events: unknown;
  try {
    events = (JSON.parse(read.body.toString('utf8')) as { events?: unknown }).events;
  } catch {
    record(fail(res, 400, 'Extension.InvalidEventType', 'The register body must be JSON: {"events": ["SHUTDOWN"]}.'));
    return;
  }
  const outcome = sandbox.extensions.register(header(req.headers['lambda-extension-name']), events);
  if (!outcome.ok) {
    record(fail(res, outcome.status, outcome.errorType, outcome.errorMessage));
    return;
  }
  const info = sandbox.registrationInfo(header(req.headers['lambda-extension-accept-feature']) === 'accountId');
  sendJson(res, 200, info, { 'Lambda-Extension-Identifier': outcome.id });
  record(200);
}

function next(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, id: string | undefined): void {
  req.resume();
  if (id === undefined || !sandbox.extensions.isRegistered(id)) {
    sandbox.recordInit(trafficRecord(req, fail(res, 403, 'Extension.Forbidden', 'Unknown Lambda-Extension-Identifier; register first.'), EMPTY));
    return;
  }
  const waiter = (event: ExtensionEvent): void => {
    sendJson(res, 200, event, { 'Lambda-Extension-Event-Identifier': randomUUID() });
    sandbox.recordInit(trafficRecord(req, 200, EMPTY));
  };
  res.once('close', () => sandbox.extensions.forget(id, waiter));
  sandbox.extensions.next(id, waiter);
}
