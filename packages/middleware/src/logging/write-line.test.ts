// The fallbacks of writeLine, on a descriptor that can refuse a write: a loopback TCP socket
// whose reader has paused, marked as Node marks a stdio socket. Its send buffer fills,
// write(2) takes part of a line, and the Writable starts queueing; every line must still
// arrive, once, in order. (test/observability/write-line.test.ts checks the real stdout.)
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeLine } from './write-line.js';

interface PausedReader {
  /** The writing end, with its descriptor where writeLine looks for it. */
  writer: Socket & { fd: number };
  resume(): void;
  /** Everything the reader got, once the writer has ended. */
  received(): Promise<string>;
  close(): void;
}

async function pausedReader(): Promise<PausedReader> {
  let reader: Socket | undefined;
  const chunks: Buffer[] = [];
  const server = createServer((socket) => {
    reader = socket;
    socket.pause();
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const writer = connect((server.address() as { port: number }).port, '127.0.0.1');
  await new Promise((resolve) => writer.once('connect', resolve));
  while (reader === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  const ended = new Promise<string>((resolve) => reader!.on('end', () => resolve(Buffer.concat(chunks).toString())));
  const fd = (writer as unknown as { _handle: { fd: number } })._handle.fd;
  return {
    // What Node sets on process.stdout when it is a pipe or a socket.
    writer: Object.assign(writer, { fd, _type: 'pipe' }),
    resume: () => reader!.resume(),
    received: () => ended,
    close: () => server.close(),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('writeLine on a descriptor that refuses writes', () => {
  it('hands what write(2) could not take to the stream, which keeps everything in order', async () => {
    const pair = await pausedReader();
    try {
      const pad = 'y'.repeat(1500);
      const expected: string[] = [];
      // About 12 MB: far more than the socket buffers hold while the reader is paused.
      for (let i = 0; i < 4000; i++) {
        writeLine(pair.writer, `L${i} ${pad}\n`);
        pair.writer.write(`S${i}\n`);
        expected.push(`L${i} ${pad}`, `S${i}`);
      }
      writeLine(pair.writer, 'é€😀 multibyte end\n');
      expected.push('é€😀 multibyte end');
      expect(pair.writer.writableLength).toBeGreaterThan(0);
      pair.resume();
      pair.writer.end();
      const lines = (await pair.received()).trimEnd().split('\n');
      expect(lines.length).toBe(expected.length);
      expect(lines).toEqual(expected);
    } finally {
      pair.close();
    }
  });

  it('does not overtake what the stream holds back (corked) though write(2) would take it', async () => {
    const pair = await pausedReader();
    try {
      pair.writer.cork();
      pair.writer.write('first, held by cork()\n');
      writeLine(pair.writer, 'second\n');
      pair.writer.uncork();
      writeLine(pair.writer, 'third\n');
      pair.resume();
      pair.writer.end();
      expect(await pair.received()).toBe('first, held by cork()\nsecond\nthird\n');
    } finally {
      pair.close();
    }
  });

  it('a partial write(2) of as many bytes as the text has characters still leaves the rest to the stream', () => {
    // A line with two-byte characters: its UTF-16 length is smaller than its byte length.
    const text = `{"msg":"${'é'.repeat(100)}${'a'.repeat(3985)}"}\n`;
    const fs = process.getBuiltinModule('node:fs');
    const taken: number[] = [];
    // The kernel decides how much of a full pipe a write takes; here it takes text.length bytes.
    vi.spyOn(fs, 'writeSync').mockImplementation(((_fd: number, data: string) => (taken.push(Buffer.byteLength(data)), text.length)) as typeof fs.writeSync);
    const rest: Buffer[] = [];
    const { Writable } = process.getBuiltinModule('node:stream');
    const stdio = Object.assign(new Writable({ write: (chunk, _encoding, done) => (rest.push(chunk as Buffer), done()) }), { fd: 1, _type: 'pipe' });
    writeLine(stdio, text);
    expect(taken).toEqual([Buffer.byteLength(text)]);
    expect(Buffer.concat(rest)).toEqual(Buffer.from(text).subarray(text.length));
  });

  it('a stream put in place of stdout, or Node’s sink for other descriptors, gets the line through its own write', () => {
    const fs = process.getBuiltinModule('node:fs');
    const direct = vi.spyOn(fs, 'writeSync');
    const seen: string[] = [];
    const { Writable } = process.getBuiltinModule('node:stream');
    const replacement = Object.assign(new Writable({ write: (chunk, _encoding, done) => (seen.push(String(chunk)), done()) }), { fd: 1 });
    writeLine(replacement, 'to the replacement\n');
    const sink = Object.assign(new Writable({ write: (chunk, _encoding, done) => (seen.push(String(chunk)), done()) }), { fd: 1 });
    writeLine(sink, 'to the sink\n');
    expect(seen).toEqual(['to the replacement\n', 'to the sink\n']);
    expect(direct).not.toHaveBeenCalled();
  });

  it('a stream without a descriptor (a worker thread’s stdout) gets the line through its own write', () => {
    const seen: string[] = [];
    const { Writable } = process.getBuiltinModule('node:stream');
    const stdio = new Writable({ write: (chunk, _encoding, done) => (seen.push(String(chunk)), done()) });
    writeLine(stdio, 'to the worker stdio\n');
    expect(seen).toEqual(['to the worker stdio\n']);
  });
});
