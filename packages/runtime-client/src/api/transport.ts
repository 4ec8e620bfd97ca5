// A keep-alive HTTP/1.1 client over node:net, for exactly one peer (the Runtime API).
// Why not node:http: it costs more CPU per request, and on Node 22/24 importing it pulls
// in undici (+20 ms cold start). One request at a time per connection, as HTTP/1.1
// without pipelining requires; concurrent loops each own a Transport.
// No timeouts anywhere: /next may legitimately wait for hours while the process is frozen.
import { connect, type Socket } from 'node:net';
import { RuntimeApiConnectionError } from './errors.js';
import { BodyStore, ResponseParser, type HttpResponse } from './response-parser.js';

export type { HttpResponse } from './response-parser.js';
export type Headers = Record<string, string>;

/** A request whose body is sent as it is produced (chunked), with optional trailers. */
export interface StreamRequest {
  /** Queues a chunk; false means the socket buffer is full: wait for onDrain. */
  write(chunk: Buffer): boolean;
  onDrain(callback: () => void): void;
  /** Sends the last chunk (and trailers) and resolves with the server's answer. */
  end(trailers?: Headers): Promise<HttpResponse>;
}

interface Pending {
  parser: ResponseParser;
  resolve: (response: HttpResponse) => void;
  reject: (error: Error) => void;
  describe: string;
}

const LAST_CHUNK = Buffer.from('0\r\n');
const CRLF = '\r\n';

/**
 * Every connection in this thread reads into this one buffer (net's `onread`): the parser
 * copies what it keeps before the next read, so no Buffer is made per read. Node would
 * otherwise allocate one per read (64 KiB each, 16 for a 1 MB event), freed only by a GC.
 */
let readBuffer: Buffer | undefined;
const sharedReadBuffer = (): Buffer => (readBuffer ??= Buffer.allocUnsafeSlow(64 * 1024));

export class Transport {
  private socket: Socket | undefined;
  /** Response bodies: a view of this store is valid until this transport's next request. */
  private readonly bodies = new BodyStore();
  private connected = false;
  private pending: Pending | undefined;
  private readonly hostHeader: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly userAgent: string,
  ) {
    this.hostHeader = `${host}:${port}`;
  }

  /** Sends one request with a complete body and resolves with the whole answer. */
  request(method: string, path: string, headers?: Headers, body?: Buffer | string): Promise<HttpResponse> {
    let head = this.headLines(method, path, headers);
    head += body === undefined ? (method === 'GET' ? CRLF : `Content-Length: 0${CRLF}${CRLF}`) : `Content-Length: ${byteLength(body)}${CRLF}${CRLF}`;
    const answer = this.expectAnswer(method, path);
    const socket = this.socketForRequest();
    // One writev for head and body. A string body is encoded by the write itself, into
    // memory freed when the write completes, not into a Buffer left for the GC.
    socket.cork();
    socket.write(head, 'latin1');
    if (body !== undefined && body.length > 0) socket.write(body, 'utf8');
    socket.uncork();
    return answer;
  }

  /** Starts a chunked request; the caller streams the body and ends it. */
  openStream(method: string, path: string, headers?: Headers): StreamRequest {
    const head = `${this.headLines(method, path, headers)}Transfer-Encoding: chunked${CRLF}${CRLF}`;
    // This answer outlives the request (a handler may keep ResponseStream.outcome): its body
    // is copied out of the store, which the next request reuses.
    const answer = this.expectAnswer(method, path).then((response) => ({ ...response, body: Buffer.from(response.body) }));
    // A rejected answer before end() is called must not become an unhandled rejection.
    answer.catch(() => undefined);
    const socket = this.socketForRequest();
    socket.write(head, 'latin1');
    let ended = false;
    return {
      write: (chunk: Buffer): boolean => {
        if (ended) throw new Error('write() after end() on a Runtime API stream request.');
        if (chunk.length === 0) return true;
        socket.cork();
        socket.write(`${chunk.length.toString(16)}${CRLF}`, 'latin1');
        socket.write(chunk);
        const more = socket.write(CRLF, 'latin1');
        socket.uncork();
        return more;
      },
      onDrain: (callback: () => void): void => {
        socket.once('drain', callback);
      },
      end: (trailers?: Headers): Promise<HttpResponse> => {
        if (!ended) {
          ended = true;
          let tail = '';
          if (trailers) for (const name of Object.keys(trailers)) tail += `${name}: ${trailers[name]}${CRLF}`;
          socket.cork();
          socket.write(LAST_CHUNK);
          socket.write(`${tail}${CRLF}`, 'latin1');
          socket.uncork();
        }
        return answer;
      },
    };
  }

  /** Closes the connection; a pending request fails. */
  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.connected = false;
  }

  private headLines(method: string, path: string, headers: Headers | undefined): string {
    let head = `${method} ${path} HTTP/1.1${CRLF}Host: ${this.hostHeader}${CRLF}User-Agent: ${this.userAgent}${CRLF}`;
    if (headers) for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}${CRLF}`;
    return head;
  }

  private expectAnswer(method: string, path: string): Promise<HttpResponse> {
    if (this.pending) throw new Error(`Runtime API transport misuse: ${method} ${path} started while ${this.pending.describe} is still waiting for its answer.`);
    return new Promise<HttpResponse>((resolve, reject) => {
      this.pending = { parser: new ResponseParser(method === 'HEAD', this.bodies), resolve, reject, describe: `${method} ${path}` };
    });
  }

  private socketForRequest(): Socket {
    let socket = this.socket;
    if (socket === undefined || socket.destroyed) {
      socket = this.open();
    }
    // While a request waits, the socket keeps the process alive; idle, it must not, so
    // that "the event loop drained" still means "the function has nothing left to do".
    socket.ref();
    return socket;
  }

  private open(): Socket {
    const socket: Socket = connect({
      host: this.host,
      port: this.port,
      noDelay: true,
      onread: {
        buffer: sharedReadBuffer,
        callback: (bytes: number, buffer: Uint8Array): boolean => {
          this.onData(socket, (buffer as Buffer).subarray(0, bytes));
          return true; // keep reading
        },
      },
    });
    this.socket = socket;
    this.connected = false;
    socket.on('connect', () => {
      this.connected = true;
    });
    socket.on('end', () => this.onClosed(socket, 'EOF', undefined));
    socket.on('error', (error: NodeJS.ErrnoException) => this.onClosed(socket, error.code ?? 'EIO', error));
    socket.on('close', () => this.onClosed(socket, 'EOF', undefined));
    return socket;
  }

  private onData(socket: Socket, data: Buffer): void {
    const pending = this.pending;
    if (pending === undefined || socket !== this.socket) return;
    let response: HttpResponse | undefined;
    try {
      response = pending.parser.push(data);
    } catch (error) {
      this.pending = undefined;
      this.forget(socket);
      pending.reject(error as Error);
      return;
    }
    if (response === undefined) return;
    this.pending = undefined;
    if (pending.parser.closeAfter) this.forget(socket);
    else socket.unref();
    pending.resolve(response);
  }

  private onClosed(socket: Socket, code: string, error: Error | undefined): void {
    if (socket !== this.socket) return;
    this.forget(socket);
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const complete = pending.parser.end();
    if (complete !== undefined) {
      pending.resolve(complete);
      return;
    }
    const where = `${this.host}:${this.port}`;
    const beforeAnswer = !pending.parser.started;
    const what =
      code === 'ECONNREFUSED'
        ? `nothing accepts connections at ${where}`
        : !this.connected
          ? `connecting to ${where} failed (${code}${error ? `: ${error.message}` : ''})`
          : beforeAnswer
            ? `the connection to ${where} was closed (${code}) before any answer`
            : `the connection to ${where} was closed (${code}) in the middle of the answer`;
    pending.reject(new RuntimeApiConnectionError(`Runtime API request ${pending.describe} failed: ${what}.`, code, beforeAnswer));
  }

  private forget(socket: Socket): void {
    if (this.socket === socket) this.socket = undefined;
    socket.destroy();
  }
}

/** Content-Length of a body: bytes, not characters. */
function byteLength(body: Buffer | string): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
}
