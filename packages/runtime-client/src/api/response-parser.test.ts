import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyStore, ResponseParser, statusCode } from './response-parser.js';

function feed(parser: ResponseParser, bytes: Buffer, cuts: number[]) {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  let result;
  for (const point of [...points, bytes.length]) {
    if (point <= from) continue;
    result = parser.push(bytes.subarray(from, point)) ?? result;
    from = point;
  }
  return result;
}

function chunked(body: Buffer, sizes: number[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= body.length) break;
    const piece = body.subarray(at, at + Math.max(1, size));
    parts.push(Buffer.from(`${piece.length.toString(16)};ext=1\r\n`), piece, Buffer.from('\r\n'));
    at += piece.length;
  }
  if (at < body.length) parts.push(Buffer.from(`${(body.length - at).toString(16)}\r\n`), body.subarray(at), Buffer.from('\r\n'));
  return Buffer.concat([...parts, Buffer.from('0\r\nX-Trailer: yes\r\n\r\n')]);
}

describe('ResponseParser', () => {
  it('parses a Content-Length body split at any points, NUL bytes included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const body = Buffer.from(bytes);
        const wire = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nLambda-Runtime-Aws-Request-Id: abc\r\n\r\n`), body]);
        const response = feed(new ResponseParser(), wire, cuts);
        expect(response?.status).toBe(200);
        expect(response?.headers['lambda-runtime-aws-request-id']).toBe('abc');
        expect(response?.body.equals(body)).toBe(true);
      }),
    );
  });

  it('parses a chunked body with extensions and trailers split at any points', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.array(fc.nat({ max: 50 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (bytes, sizes, cuts) => {
        const body = Buffer.from(bytes);
        const wire = Buffer.concat([Buffer.from('HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n'), chunked(body, sizes)]);
        const response = feed(new ResponseParser(), wire, cuts);
        expect(response?.status).toBe(202);
        expect(response?.body.equals(body)).toBe(true);
        expect(response?.headers['x-trailer']).toBe('yes');
      }),
    );
  });

  it('keeps nothing of the bytes pushed: the caller may reuse its read buffer at once', () => {
    // One reused read buffer, as the transport's onread gives: each push's bytes are
    // overwritten by the next read before the answer completes.
    const wire = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world');
    const readBuffer = Buffer.alloc(7);
    const parser = new ResponseParser();
    let response: ReturnType<ResponseParser['push']>;
    for (let at = 0; at < wire.length; at += readBuffer.length) {
      const bytes = wire.copy(readBuffer, 0, at, Math.min(at + readBuffer.length, wire.length));
      response = parser.push(readBuffer.subarray(0, bytes));
      readBuffer.fill(0x58); // the next read overwrites the buffer
    }
    expect(response!.headers['content-type']).toBe('text/plain');
    expect(response!.body.toString()).toBe('hello world');
  });

  it('reuses one BodyStore from response to response; a body above 8 MiB is not kept', () => {
    const store = new BodyStore();
    const answer = (body: string) => new ResponseParser(false, store).push(Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`))!.body;
    const first = answer('first body');
    const second = answer('second');
    expect(second.toString()).toBe('second');
    // The same memory: a body is valid until the store's next body begins.
    expect(second.buffer).toBe(first.buffer);
    const huge = answer('x'.repeat(9 * 1024 * 1024));
    expect(huge.length).toBe(9 * 1024 * 1024);
    const after = answer('small again');
    expect(after.toString()).toBe('small again');
    expect(after.buffer).not.toBe(huge.buffer);
    expect(after.buffer.byteLength).toBeLessThan(1024 * 1024);
    // Chunked bodies go into the store too.
    const chunked = new ResponseParser(false, store).push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'))!;
    expect(chunked.body.toString()).toBe('abcde');
    expect(chunked.body.buffer).toBe(after.buffer);
  });

  it('reads a body without length until the connection ends', () => {
    const parser = new ResponseParser();
    expect(parser.push(Buffer.from('HTTP/1.0 500 Internal\r\n\r\npart one,'))).toBeUndefined();
    expect(parser.push(Buffer.from(' part two'))).toBeUndefined();
    const response = parser.end();
    expect(response?.status).toBe(500);
    expect(response?.body.toString()).toBe('part one, part two');
    expect(parser.closeAfter).toBe(true);
  });

  it('reports a truncated answer as incomplete', () => {
    const parser = new ResponseParser();
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(parser.started).toBe(true);
    expect(parser.end()).toBeUndefined();
  });

  it('reads the status code by hand exactly as the status line grammar does', () => {
    const grammar = /^HTTP\/1\.[01] (\d{3})/;
    const oracle = (line: string) => {
      const match = grammar.exec(line);
      return match ? Number(match[1]) : undefined;
    };
    for (const line of ['HTTP/1.1 200 OK', 'HTTP/1.0 404', 'HTTP/1.1 20', 'HTTP/1.2 200', 'HTTP/1.1  200', 'HTTP/1.1 2x0', 'http/1.1 200', 'HTTP/1.1 9999', '']) {
      expect(statusCode(line), line).toEqual(oracle(line));
    }
    const tail = fc.array(fc.constantFrom('0', '1', '2', '9', ' ', 'x', '.', '/'), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.constantFrom('HTTP/1.', 'HTTP/1', 'HTTP/', ''), tail, (prefix, rest) => {
      expect(statusCode(prefix + rest)).toEqual(oracle(prefix + rest));
    }), { numRuns: 3000 });
  });

  it('refuses a malformed status line and a bad chunk size with clear errors', () => {
    expect(() => new ResponseParser().push(Buffer.from('SMTP ready\r\n\r\n'))).toThrow(/malformed status line "SMTP ready"/);
    expect(() => new ResponseParser().push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'))).toThrow(/malformed chunk size "zz"/);
    expect(() => new ResponseParser().push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n'))).toThrow(/invalid Content-Length "-4"/);
  });

  it('joins repeated headers and lower-cases names', () => {
    const response = new ResponseParser().push(Buffer.from('HTTP/1.1 204 No Content\r\nX-A: 1\r\nx-a: 2\r\n\r\n'));
    expect(response?.headers['x-a']).toBe('1, 2');
    expect(response?.body.length).toBe(0);
  });
});
