// Records Runtime API requests for conformance tests: what the runtime sent, and our answer.
import type { IncomingMessage } from 'node:http';
import type { TrafficRecord } from './types.js';

export function flatHeaders(raw: IncomingMessage['headers'] | NodeJS.Dict<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function trafficRecord(req: IncomingMessage, status: number, body: Buffer): TrafficRecord {
  const headers = flatHeaders(req.headers);
  // Trailers (streamed responses) are only known once the body has been read.
  Object.assign(headers, flatHeaders(req.trailers));
  return { method: req.method ?? '', path: req.url ?? '', status, headers, body };
}
