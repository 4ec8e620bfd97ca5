// Incremental parser for HTTP/1.1 responses: status line, headers, then a body framed by
// Content-Length, chunked encoding, or the end of the connection. Bytes are never decoded
// as text, so a NUL byte is just a byte. The bytes pushed are never kept: a caller may
// reuse its read buffer as soon as push() returns. Bodies go into a BodyStore, the
// transport's own (reused from one response to the next) or a fresh one.
import { digitsValue } from '../digits.js';
import { RuntimeApiProtocolError } from './errors.js';

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const MAX_HEAD_BYTES = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

type Phase = 'head' | 'fixed' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close' | 'done';

/**
 * Where response bodies are assembled. A transport keeps one for all its responses, so a
 * 1 MB event costs no new 1 MB Buffer per invocation: such Buffers outlive the young
 * generation while the event is parsed and then wait for a full GC, and measured on Node 22
 * they held 55-62 MB of memory in a loop of 1 MB echoes. A body is then a view into the
 * store, valid until the store's next body begins (the transport's next request).
 */
export class BodyStore {
  private buffer: Buffer = EMPTY;
  private length = 0;

  /** Starts a body, overwriting the last one; `expected` (when known) sizes the space once. */
  begin(expected: number): void {
    this.length = 0;
    // A body above KEEP_BYTES had space of its own: not kept for the process's life.
    if (this.buffer.length > KEEP_BYTES) this.buffer = EMPTY;
    // Sized up front to the Content-Length, but never beyond KEEP_BYTES before the bytes arrive.
    if (expected > this.buffer.length) this.grow(Math.min(expected, KEEP_BYTES));
  }

  append(part: Buffer): void {
    if (this.length + part.length > this.buffer.length) this.grow(this.length + part.length);
    part.copy(this.buffer, this.length);
    this.length += part.length;
  }

  /** The body so far: a view of the store. */
  body(): Buffer {
    return this.length === 0 ? EMPTY : this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    // allocUnsafeSlow: not a slice of Node's shared pool, which would pin a pool slab with it.
    // Doubling: a body that arrives in many reads is copied O(n) times in all, not O(n^2).
    const next = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2, 16 * 1024));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}

/** The largest body space a store keeps from one response to the next (events are at most 6 MB). */
const KEEP_BYTES = 8 * 1024 * 1024;

export class ResponseParser {
  private phase: Phase = 'head';
  private pending: Buffer = EMPTY;
  private status = 0;
  private headers: Record<string, string> = {};
  private remaining = 0;
  /** Set when this request expects no body whatever the headers say (HEAD). */
  private readonly bodyless: boolean;
  private readonly store: BodyStore;

  constructor(bodyless = false, store: BodyStore = new BodyStore()) {
    this.bodyless = bodyless;
    this.store = store;
    store.begin(0);
  }

  /** True once at least one byte of the answer arrived. */
  get started(): boolean {
    return this.phase !== 'head' || this.pending.length > 0;
  }

  /** True when the server will close the connection after this answer. */
  closeAfter = false;

  /**
   * Feeds bytes; returns the response once complete, and leaves surplus bytes (which a
   * well-behaved server never sends without a request) ignored.
   */
  push(data: Buffer): HttpResponse | undefined {
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    this.pending = EMPTY;
    while (input.length > 0 || this.phase === 'done') {
      switch (this.phase) {
        case 'head': {
          const end = input.indexOf(HEAD_END);
          if (end < 0) {
            if (input.length > MAX_HEAD_BYTES) throw new RuntimeApiProtocolError('The Runtime API sent response headers larger than 1 MiB.');
            this.pending = ownBytes(input, data);
            return undefined;
          }
          this.parseHead(input.toString('latin1', 0, end));
          input = input.subarray(end + 4);
          break;
        }
        case 'fixed': {
          const take = Math.min(this.remaining, input.length);
          this.addBody(input.subarray(0, take));
          this.remaining -= take;
          input = input.subarray(take);
          if (this.remaining === 0) this.phase = 'done';
          break;
        }
        case 'chunk-size': {
          const end = input.indexOf(CRLF);
          if (end < 0) {
            this.pending = ownBytes(input, data);
            return undefined;
          }
          const sizeText = input.toString('latin1', 0, end).split(';', 1)[0]!.trim();
          const size = Number.parseInt(sizeText, 16);
          if (!/^[0-9a-fA-F]+$/.test(sizeText) || !Number.isSafeInteger(size)) {
            throw new RuntimeApiProtocolError(`The Runtime API sent a malformed chunk size "${sizeText.slice(0, 20)}".`);
          }
          input = input.subarray(end + 2);
          this.remaining = size;
          this.phase = size === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, input.length);
          this.addBody(input.subarray(0, take));
          this.remaining -= take;
          input = input.subarray(take);
          if (this.remaining === 0) this.phase = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          if (input.length < 2) {
            this.pending = ownBytes(input, data);
            return undefined;
          }
          input = input.subarray(2);
          this.phase = 'chunk-size';
          break;
        }
        case 'trailers': {
          const end = input.indexOf(CRLF);
          if (end < 0) {
            this.pending = ownBytes(input, data);
            return undefined;
          }
          if (end > 0) this.addHeaderLine(input.toString('latin1', 0, end));
          input = input.subarray(end + 2);
          if (end === 0) this.phase = 'done';
          break;
        }
        case 'until-close':
          this.addBody(input);
          return undefined;
        case 'done':
          return this.finish();
      }
    }
    return undefined;
  }

  /** The connection ended: completes a close-delimited body, or reports a truncated one. */
  end(): HttpResponse | undefined {
    if (this.phase === 'until-close') return this.finish();
    return undefined;
  }

  private parseHead(head: string): void {
    const lines = head.split('\r\n');
    const statusLine = lines[0] ?? '';
    const status = statusCode(statusLine);
    if (status === undefined) throw new RuntimeApiProtocolError(`The Runtime API sent a malformed status line "${statusLine.slice(0, 60)}".`);
    this.status = status;
    for (let i = 1; i < lines.length; i++) this.addHeaderLine(lines[i]!);
    this.closeAfter = this.headers['connection']?.toLowerCase() === 'close' || statusLine.startsWith('HTTP/1.0');
    const length = this.headers['content-length'];
    if (this.bodyless || this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200)) {
      this.phase = 'done';
    } else if (this.headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      this.phase = 'chunk-size';
    } else if (length !== undefined) {
      const size = Number(length);
      if (!Number.isSafeInteger(size) || size < 0) throw new RuntimeApiProtocolError(`The Runtime API sent an invalid Content-Length "${length.slice(0, 20)}".`);
      this.remaining = size;
      this.phase = size === 0 ? 'done' : 'fixed';
      this.store.begin(size);
    } else {
      this.phase = 'until-close';
      this.closeAfter = true;
    }
  }

  private addHeaderLine(line: string): void {
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = this.headers[name];
    this.headers[name] = previous === undefined ? value : `${previous}, ${value}`;
  }

  private addBody(part: Buffer): void {
    if (part.length > 0) this.store.append(part);
  }

  private finish(): HttpResponse {
    const response = { status: this.status, headers: this.headers, body: this.store.body() };
    this.phase = 'done';
    return response;
  }
}

/** What waits for more bytes, copied when it lies in `data`: the caller may reuse that read buffer. */
function ownBytes(rest: Buffer, data: Buffer): Buffer {
  return rest.buffer === data.buffer ? Buffer.from(rest) : rest;
}

/**
 * The code in an `HTTP/1.0 NNN` or `HTTP/1.1 NNN` status line, else undefined. By hand:
 * a regular expression costs about 0.1 ms to compile, on the first response of a cold start.
 */
export function statusCode(line: string): number | undefined {
  if (!line.startsWith('HTTP/1.') || (line[7] !== '0' && line[7] !== '1') || line[8] !== ' ') return undefined;
  return digitsValue(line, 9, 12);
}
