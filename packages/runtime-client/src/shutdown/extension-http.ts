// A one-shot HTTP/1.1 request to the Extensions API on its own connection. Not the
// runtime's Transport: the SHUTDOWN long poll must not keep the process alive (an unref'd
// socket), or "the event loop drained" would never happen and callbackWaitsForEmptyEventLoop
// handlers would never be answered.
import { connect } from 'node:net';
import { ResponseParser, type HttpResponse } from '../api/response-parser.js';

export interface ExtensionCall {
  host: string;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** true: the connection does not keep the process alive while it waits. */
  background: boolean;
}

export function extensionRequest(call: ExtensionCall): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const parser = new ResponseParser();
    const socket = connect({ host: call.host, port: call.port, noDelay: true });
    if (call.background) socket.unref();
    let done = false;
    const finish = (error: Error | undefined, response?: HttpResponse): void => {
      if (done) return;
      done = true;
      socket.destroy();
      if (response) resolve(response);
      else reject(error ?? new Error(`The Extensions API closed the connection before answering ${call.method} ${call.path}.`));
    };
    socket.on('data', (data: Buffer) => {
      try {
        const response = parser.push(data);
        if (response) finish(undefined, response);
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on('error', (error) => finish(new Error(`${call.method} ${call.path} to the Extensions API at ${call.host}:${call.port} failed: ${error.message}`)));
    socket.on('close', () => finish(undefined, parser.end()));
    const body = call.body === undefined ? undefined : Buffer.from(call.body);
    let head = `${call.method} ${call.path} HTTP/1.1\r\nHost: ${call.host}:${call.port}\r\nConnection: close\r\n`;
    for (const [name, value] of Object.entries(call.headers)) head += `${name}: ${value}\r\n`;
    head += body === undefined ? '\r\n' : `Content-Length: ${body.length}\r\n\r\n`;
    socket.write(body === undefined ? head : Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}
