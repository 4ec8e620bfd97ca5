// Response streaming end to end: the real bootstrap streams to the real emulator, which
// passes the chunks to the caller live (onChunk).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@thaw/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bootstrap = join(here, '..', '..', 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');

let emu: Emulator;
let scratch: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'thaw-streaming-'));
  emu = await startEmulator({
    command: [process.execPath, bootstrap],
    handler: 'live.handler',
    taskRoot: join(here, '..', 'fixtures', 'streaming'),
    timeoutSeconds: 20,
  });
});
afterAll(async () => {
  await emu?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function collect() {
  const chunks: Buffer[] = [];
  return { chunks, onChunk: (chunk: Buffer) => void chunks.push(Buffer.from(chunk)) };
}

describe('streamed responses through the emulator', () => {
  it('delivers the first chunk to the caller while the handler is still running', async () => {
    const gate = join(scratch, 'first-chunk-seen');
    const seen: string[] = [];
    const result = await emu.invoke(
      { scenario: 'gated', gate },
      {
        onChunk: (chunk) => {
          seen.push(chunk.toString());
          // The handler is blocked until this file exists: it can only finish if this
          // chunk arrived before its response ended.
          if (seen.join('').startsWith('first')) writeFileSync(gate, '');
        },
      },
    );
    expect(result.status).toBe('success');
    expect(result.streamed).toBe(true);
    expect(result.contentType).toBe('text/plain');
    expect(seen[0]).toBe('first');
    expect(result.payload.toString()).toBe('first|second');
  });

  it('streams 4 MiB intact, with the handler held to its highWaterMark', async () => {
    const { chunks, onChunk } = collect();
    const result = await emu.invoke({ scenario: 'big', chunks: 64, chunkSize: 64 * 1024 }, { onChunk });
    expect(result.status).toBe('success');
    const received = Buffer.concat(chunks);
    expect(received.length).toBe(4 * 1024 * 1024);
    expect(received.equals(result.payload)).toBe(true);
    const report = JSON.parse(result.logs.map((line) => line.split('\t')[3] ?? '').find((m) => m.startsWith('{')) ?? '{}');
    expect(report.sha256).toBe(createHash('sha256').update(received).digest('hex'));
    expect(report.highWaterMark).toBe(16 * 1024);
    // write() said "stop" and the handler's buffer never exceeded one chunk past the mark.
    expect(report.stops).toBeGreaterThan(0);
    expect(report.maxBuffered).toBeLessThanOrEqual(16 * 1024 + 64 * 1024);
  });

  it('sends the HTTP prelude, then the body chunks', async () => {
    const { chunks, onChunk } = collect();
    const result = await emu.invoke({ scenario: 'http' }, { onChunk });
    expect(result.status).toBe('success');
    expect(result.contentType).toBe('application/vnd.awslambda.http-integration-response');
    expect(Buffer.concat(chunks).toString()).toBe('{"statusCode":418,"headers":{"x-tea":"yes"}}\0\0\0\0\0\0\0\0abc');
  });

  it('ends a failed stream with the error trailers after the chunks already sent', async () => {
    const { chunks, onChunk } = collect();
    const result = await emu.invoke({ scenario: 'failMidStream' }, { onChunk });
    expect(Buffer.concat(chunks).toString()).toBe('partial-1 partial-2');
    expect(result.status).toBe('error');
    expect(result.errorTypeHeader).toBe('Function.RangeError');
    expect(result.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'the upstream feed closed' });
    const post = result.traffic.find((entry) => entry.path.endsWith('/response'));
    expect(post?.headers['lambda-runtime-function-error-type']).toBe('Function.RangeError');
    const body = JSON.parse(Buffer.from(post?.headers['lambda-runtime-function-error-body'] ?? '', 'base64').toString());
    expect(body).toMatchObject({ errorType: 'RangeError', errorMessage: 'the upstream feed closed' });
  });

  it('ends the response when the handler returns without ending the stream', async () => {
    const result = await emu.invoke({ scenario: 'neverEnds' });
    expect(result.status).toBe('success');
    expect(result.payload.toString()).toBe('started, returned without end()');
  });

  it('survives a write after the response ended, and serves the next invocation', async () => {
    const first = await emu.invoke({ scenario: 'lateWrite' });
    expect(first.status).toBe('success');
    expect(first.payload.toString()).toBe('done');
    const next = await emu.invoke({ scenario: 'neverEnds' });
    expect(next.status).toBe('success');
    expect(next.cold).toBe(false);
  });
});
