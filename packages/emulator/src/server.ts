// The single HTTP server: Runtime API, Extensions API and the invoke endpoint on one port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleExtensions, isExtensionsPath } from './extensions-api.js';
import { sendJson } from './http-body.js';
import { handleInvoke, INVOKE_PATH } from './invoke-endpoint.js';
import { MAX_HEADER_BYTES } from './limits.js';
import { handleRuntimeApi, RUNTIME_API_PREFIX } from './runtime-api/router.js';
import type { Sandbox } from './sandbox.js';
import type { FaultInjector } from './faults.js';

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query >= 0 ? raw.slice(0, query) : raw;
}

async function route(sandbox: Sandbox, version: string, req: IncomingMessage, res: ServerResponse, faults: FaultInjector | undefined): Promise<void> {
  const path = pathOf(req.url);
  if (path.startsWith(RUNTIME_API_PREFIX)) {
    if (faults && (await faults.intercept(req, res, path))) return;
    return handleRuntimeApi(sandbox, req, res, path);
  }
  if (isExtensionsPath(path)) return handleExtensions(sandbox, req, res, path);
  if (INVOKE_PATH.test(path) && req.method === 'POST') return handleInvoke(sandbox, req, res, version);
  req.resume();
  sendJson(res, 404, { errorType: 'InvalidURLPath', errorMessage: `Nothing is served at ${req.method ?? ''} ${path}.` });
}

export function createEmulatorServer(sandbox: Sandbox, version: string, faults?: FaultInjector): Server {
  const server = createServer(
    // The /next long poll may wait for hours between invocations: no request timeout, and idle
    // keep-alive connections stay open as the platform keeps them (close() ends them).
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 0, keepAliveTimeout: 0 },
    (req, res) => {
      route(sandbox, version, req, res, faults).catch((error: unknown) => {
        // No runtime input may crash the emulator: answer 500 and carry on.
        sendJson(res, 500, { errorType: 'InternalError', errorMessage: `The emulator failed on this request: ${(error as Error).message}` });
      });
    },
  );
  // Malformed HTTP (or a header block over the limit) gets an answer, never an exception.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}
