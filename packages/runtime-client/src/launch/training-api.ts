// A one-shot Runtime API for the code cache's training run: the first /next gets one event,
// the response is accepted, the second /next gets a 500 so the runtime exits (and the
// launcher writes the cache). Anything else the runtime sends is a failure to report.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const NEXT = '/2018-06-01/runtime/invocation/next';
const REQUEST_ID = 'code-cache-training';

export interface TrainingApi {
  /** Listens on 127.0.0.1, on a free port; resolves with the port. */
  listen(): Promise<number>;
  /** What went wrong, if the runtime reported an error or sent something unexpected. */
  failure(): string | undefined;
  close(): Promise<void>;
}

export function trainingApi(event: string): TrainingApi {
  let nexts = 0;
  let failure: string | undefined;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
      if (request.method === 'GET' && request.url === NEXT) {
        nexts += 1;
        if (nexts === 1) {
          response.writeHead(200, {
            'Content-Type': 'application/json',
            'Lambda-Runtime-Aws-Request-Id': REQUEST_ID,
            'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000),
            'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:000000000000:function:thaw-code-cache',
          });
          response.end(event);
          return;
        }
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end('{"errorMessage":"code cache training is over","errorType":"Training.Done"}');
        return;
      }
      if (request.method === 'POST' && request.url === `/2018-06-01/runtime/invocation/${REQUEST_ID}/response`) {
        response.writeHead(202).end('{"status":"OK"}');
        return;
      }
      failure ??= `the runtime sent ${request.method} ${request.url}${body ? `: ${body}` : ''}`;
      response.writeHead(request.url?.endsWith('/error') ? 202 : 404).end('{}');
    });
  });
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      }),
    failure: () => failure,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
