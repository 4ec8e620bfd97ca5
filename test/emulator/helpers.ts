// Shared pieces of the emulator tests: a stand-in runtime process (the test itself speaks the
// Runtime API over HTTP), a small HTTP client, and the real bootstrap with its fixtures.
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator, type EmulatorOptions } from '@thaw/emulator';

export const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/emulator/', import.meta.url));

/** A process that only stays alive: the test plays the runtime over HTTP. */
export const IDLE_RUNTIME = [process.execPath, '-e', 'setInterval(() => {}, 1 << 30)'];

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  trailers: NodeJS.Dict<string>;
  body: Buffer;
  json(): any;
}

export interface HttpCall {
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Sends the body chunked with these trailers. */
  trailers?: Record<string, string>;
}

export function http(base: string, method: string, path: string, call: HttpCall = {}): Promise<HttpReply> {
  const [host, port] = base.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), method, path, headers: call.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          trailers: res.trailers,
          body,
          json: () => JSON.parse(body.toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (call.trailers) {
      if (call.body !== undefined) req.write(call.body);
      req.addTrailers(call.trailers);
      req.end();
    } else {
      req.end(call.body);
    }
  });
}

/** An emulator whose runtime is the test: eager init, so `/next` can be called at once. */
export function startDirect(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ command: IDLE_RUNTIME, eagerInit: true, timeoutSeconds: 30, ...options });
}

/** An emulator whose runtime is the real bootstrap, serving `handler` from a fixture folder. */
export function startBootstrap(fixture: string, handler: string, options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ command: [process.execPath, BOOTSTRAP], taskRoot: join(FIXTURES, fixture), handler, ...options });
}

export const NEXT = '/2018-06-01/runtime/invocation/next';
export const responsePath = (id: string): string => `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`;
export const errorPath = (id: string): string => `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/error`;
export const INIT_ERROR = '/2018-06-01/runtime/init/error';

export function next(emu: Emulator): Promise<HttpReply> {
  return http(emu.runtimeApi, 'GET', NEXT);
}

export function requestIdOf(reply: HttpReply): string {
  const id = reply.headers['lambda-runtime-aws-request-id'];
  if (typeof id !== 'string') throw new Error(`no request id in /next answer (status ${reply.status})`);
  return id;
}
