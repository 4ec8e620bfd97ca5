// Reading request bodies without trusting their size.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface BodyRead {
  body: Buffer;
  /** The body was larger than the limit; `body` then holds only the first `limit` bytes. */
  tooLarge: boolean;
  /** The connection broke before the body ended. */
  aborted: boolean;
}

/**
 * Reads a body up to `limit` bytes and drains (discards) the rest, so that the answer reaches a
 * client that is still writing. Never rejects.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let done = false;
    const finish = (aborted: boolean): void => {
      if (done) return;
      done = true;
      resolve({ body: Buffer.concat(chunks), tooLarge, aborted });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        const room = limit - (size - chunk.length);
        if (room > 0) chunks.push(chunk.subarray(0, room));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => finish(false));
    req.once('error', () => finish(true));
    req.once('close', () => finish(!req.complete));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
