import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KmsServiceError, kmsErrors } from './errors.js';
import type { Faults } from './faults.js';
import type { Operation } from './operations.js';
import { verifySignature, type KmsCredentials } from './sigv4.js';

/** One HTTP call the stand-in answered, in `LocalKms.calls`. */
export interface KmsCall {
  /** The action from X-Amz-Target, e.g. 'Decrypt' ('' when the header was missing). */
  operation: string;
  /** The HTTP status answered. */
  status: number;
  /** The `__type` answered, when the call failed. */
  errorType?: string;
}

export interface KmsServerParts {
  operations: Record<string, Operation>;
  credentials: ReadonlyMap<string, KmsCredentials>;
  faults: Faults;
  calls: KmsCall[];
}

const TARGET_PREFIX = 'TrentService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(body);
}

async function answer(req: IncomingMessage, body: Buffer, parts: KmsServerParts, operation: string): Promise<string> {
  const injected = parts.faults.takeError();
  if (injected) throw injected;
  const caller = await verifySignature(
    { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body },
    parts.credentials,
    parts.faults.takeExpiredSignature(),
  );
  const run = parts.operations[operation];
  if (req.method !== 'POST' || !run) throw kmsErrors.unknownOperation();
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw kmsErrors.serialization();
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw kmsErrors.serialization();
  return JSON.stringify(run(input as Record<string, unknown>, caller));
}

/** A KMS JSON 1.1 endpoint: POST / with X-Amz-Target: TrentService.<Action>. */
export async function listen(parts: KmsServerParts, host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    void (async () => {
      const body = await readBody(req);
      if (parts.faults.latencyMs > 0) await sleep(parts.faults.latencyMs);
      try {
        const out = await answer(req, body, parts, operation);
        parts.calls.push({ operation, status: 200 });
        send(res, 200, out);
      } catch (error) {
        const failure = error instanceof KmsServiceError ? error : kmsErrors.internal(500);
        parts.calls.push({ operation, status: failure.status, errorType: failure.type });
        send(res, failure.status, failure.toBody());
      }
    })().catch(() => res.destroy());
  });
  // Idle keep-alive sockets from SDK clients must not hold close() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
