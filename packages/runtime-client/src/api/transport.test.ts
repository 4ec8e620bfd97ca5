import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeApiConnectionError } from './errors.js';
import { Transport } from './transport.js';

/** A raw TCP server on 127.0.0.1:0 whose answers the test writes byte by byte. */
async function rawServer(onRequest: (socket: Socket, request: Buffer, index: number) => void) {
  const sockets: Socket[] = [];
  let index = 0;
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    let pending = Buffer.alloc(0);
    socket.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      const head = pending.indexOf('\r\n\r\n');
      if (head < 0) return;
      const headText = pending.toString('latin1', 0, head);
      const length = Number(/content-length: (\d+)/i.exec(headText)?.[1] ?? 0);
      const chunked = /transfer-encoding: chunked/i.test(headText);
      const complete = chunked ? pending.indexOf('0\r\n', head) >= 0 && pending.subarray(-4).toString() === '\r\n\r\n' : pending.length >= head + 4 + length;
      if (!complete) return;
      const request = pending;
      pending = Buffer.alloc(0);
      onRequest(socket, request, index++);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    sockets,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup) await fn();
  cleanup = [];
});

describe('Transport', () => {
  it('sends head and body, reads a Content-Length answer, and reuses the connection', async () => {
    const requests: string[] = [];
    const server = await rawServer((socket, request) => {
      requests.push(request.toString('latin1'));
      socket.write('HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok');
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'test-agent/1');
    cleanup.push(async () => transport.close());
    const first = await transport.request('POST', '/a', { 'Content-Type': 'application/json' }, Buffer.from('{"x":"\u0000"}'));
    const second = await transport.request('GET', '/b');
    expect(first.status).toBe(202);
    expect(first.body.toString()).toBe('ok');
    expect(second.status).toBe(202);
    expect(server.sockets.length).toBe(1);
    expect(requests[0]).toContain('POST /a HTTP/1.1\r\n');
    expect(requests[0]).toContain('User-Agent: test-agent/1\r\n');
    expect(requests[0]).toContain(`Content-Length: ${Buffer.byteLength('{"x":"\u0000"}')}\r\n`);
    expect(requests[0]!.endsWith('{"x":"\u0000"}')).toBe(true);
    expect(requests[1]).toMatch(/^GET \/b HTTP\/1\.1\r\n/);
  });

  it('reads chunked answers', async () => {
    const server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\n\u0000d\r\n0\r\n\r\n'));
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    const answer = await transport.request('GET', '/next');
    expect(answer.body.toString('latin1')).toBe('abc\u0000d');
  });

  it('reconnects when the server closed the idle connection', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    expect((await transport.request('GET', '/1')).status).toBe(202);
    expect((await transport.request('GET', '/2')).status).toBe(202);
    expect(server.sockets.length).toBe(2);
  });

  it('fails clearly when the connection breaks in the middle of the answer', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
      setImmediate(() => socket.destroy());
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    const error = await transport.request('GET', '/2018-06-01/runtime/invocation/next').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeApiConnectionError);
    expect((error as RuntimeApiConnectionError).beforeAnswer).toBe(false);
    expect((error as Error).message).toMatch(/GET \/2018-06-01\/runtime\/invocation\/next failed: the connection to 127\.0\.0\.1:\d+ was closed .* in the middle of the answer/);
  });

  it('fails clearly when nothing listens', async () => {
    const server = await rawServer(() => undefined);
    const port = server.port;
    await server.close();
    const transport = new Transport('127.0.0.1', port, 'ua');
    const error = await transport.request('GET', '/next').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeApiConnectionError);
    expect((error as RuntimeApiConnectionError).code).toBe('ECONNREFUSED');
    expect((error as Error).message).toContain(`nothing accepts connections at 127.0.0.1:${port}`);
  });

  it('streams a chunked request with trailers and resolves with the answer', async () => {
    const requests: Buffer[] = [];
    const server = await rawServer((socket, request) => {
      requests.push(request);
      socket.write('HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n');
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    const stream = transport.openStream('POST', '/r', { 'Content-Type': 'text/plain' });
    expect(stream.write(Buffer.from('hello '))).toBe(true);
    stream.write(Buffer.alloc(0));
    stream.write(Buffer.from('world'));
    const answer = await stream.end({ 'Lambda-Runtime-Function-Error-Type': 'Function.Oops' });
    expect(answer.status).toBe(202);
    const wire = requests[0]!.toString('latin1');
    expect(wire).toContain('Transfer-Encoding: chunked\r\n');
    expect(wire.slice(wire.indexOf('\r\n\r\n') + 4)).toBe('6\r\nhello \r\n5\r\nworld\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.Oops\r\n\r\n');
    expect(() => stream.write(Buffer.from('late'))).toThrow(/after end/);
  });

  it('sends a 1 MiB body intact in one request', async () => {
    const body = Buffer.alloc(1024 * 1024, 7);
    body[500_000] = 0;
    let received: Buffer | undefined;
    const server = await rawServer((socket, request) => {
      received = request.subarray(request.indexOf('\r\n\r\n') + 4);
      socket.write('HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n');
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    await transport.request('POST', '/big', {}, body);
    expect(received?.equals(body)).toBe(true);
  });

  it('a body is a view valid until the next request, but a streamed request keeps its answer', async () => {
    const server = await rawServer((socket, _request, index) => {
      const body = ['first answer', 'stream answer', 'overwriting answer, longer than the others'][index]!;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    const first = await transport.request('GET', '/next');
    expect(first.body.toString()).toBe('first answer');
    const stream = transport.openStream('POST', '/response');
    stream.write(Buffer.from('x'));
    const streamed = await stream.end();
    // The next request's answer goes where the first one was (one store per connection) ...
    const third = await transport.request('GET', '/next');
    expect(third.body.toString()).toBe('overwriting answer, longer than the others');
    expect(first.body.toString()).not.toBe('first answer');
    // ... while the streamed request's answer, which a handler may keep, was copied out.
    expect(streamed.body.toString()).toBe('stream answer');
  });

  it('sends a string body as UTF-8 with its length in bytes', async () => {
    let received: Buffer | undefined;
    const server = await rawServer((socket, request) => {
      received = request;
      socket.write('HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n');
    });
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    cleanup.push(async () => transport.close());
    const text = JSON.stringify({ city: 'Zürich', emoji: '🙂', lone: '\ud800' });
    await transport.request('POST', '/response', {}, text);
    const wire = received!;
    const head = wire.toString('latin1', 0, wire.indexOf('\r\n\r\n') + 2);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(text)}\r\n`);
    expect(wire.subarray(wire.indexOf('\r\n\r\n') + 4).toString('utf8')).toBe(text);
  });

  it('refuses a second request while one is waiting', async () => {
    const server = await rawServer(() => undefined);
    cleanup.push(server.close);
    const transport = new Transport('127.0.0.1', server.port, 'ua');
    const first = transport.request('GET', '/next');
    first.catch(() => undefined);
    expect(() => transport.request('GET', '/other')).toThrow(/GET \/other started while GET \/next is still waiting/);
    transport.close();
  });
});
