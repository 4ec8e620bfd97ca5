import type { Writable } from 'node:stream';
import { SET_PRELUDE } from './response-stream.js';

/** The content type of an HTTP-integration streamed response (prelude, 8 NUL bytes, body), set by `HttpResponseStream.from`. */
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
// The prelude is JSON, which never holds a raw NUL, so eight NULs cannot occur inside it.
const DELIMITER = Buffer.alloc(8);

/** What a function URL / API integration turns into the HTTP status line and headers. */
export interface HttpResponsePrelude {
  /** The HTTP status; 200 when absent. */
  statusCode?: number;
  /** Response headers. */
  headers?: Record<string, string>;
  /** `Set-Cookie` values, one per cookie. */
  cookies?: string[];
  [key: string]: unknown;
}

interface PreludeTarget extends Writable {
  setContentType?: (contentType: string) => void;
  [SET_PRELUDE]?: (prelude: Buffer) => void;
}

/**
 * `awslambda.HttpResponseStream`: a response whose body starts with a JSON prelude (status,
 * headers, cookies) and 8 NUL bytes, for function URLs and HTTP integrations.
 */
export class HttpResponseStream {
  /**
   * Marks `stream` as an HTTP-integration response and returns it. The prelude is sent
   * before the first body byte, or alone when the handler writes no body at all (the
   * official client then sends nothing, and the caller loses its status and headers).
   */
  static from<T extends Writable>(stream: T, prelude: HttpResponsePrelude): T {
    const target = stream as PreludeTarget;
    if (typeof target?.write !== 'function') {
      throw new TypeError('HttpResponseStream.from expects the response stream the handler received as its first argument.');
    }
    const bytes = Buffer.concat([Buffer.from(serializePrelude(prelude), 'utf8'), DELIMITER]);
    target.setContentType?.(HTTP_INTEGRATION_CONTENT_TYPE);
    if (typeof target[SET_PRELUDE] === 'function') target[SET_PRELUDE](bytes);
    else target.write(bytes); // a plain Writable (a user's own test double): the prelude goes first now
    return stream;
  }
}

function serializePrelude(prelude: HttpResponsePrelude): string {
  if (prelude === null || typeof prelude !== 'object' || Array.isArray(prelude)) {
    throw new TypeError('HttpResponseStream.from expects a prelude object such as { statusCode: 200, headers: { "content-type": "text/plain" } }.');
  }
  const { statusCode, headers, cookies } = prelude;
  if (statusCode !== undefined && !(Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599)) {
    throw new TypeError(`HttpResponseStream.from: statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}.`);
  }
  if (headers !== undefined && (headers === null || typeof headers !== 'object' || Array.isArray(headers))) {
    throw new TypeError('HttpResponseStream.from: headers must be an object of header names to values.');
  }
  if (cookies !== undefined && !(Array.isArray(cookies) && cookies.every((c) => typeof c === 'string'))) {
    throw new TypeError('HttpResponseStream.from: cookies must be an array of Set-Cookie strings.');
  }
  try {
    return JSON.stringify(prelude);
  } catch (error) {
    throw new TypeError(`HttpResponseStream.from: the prelude cannot be turned into JSON (${(error as Error).message}). Pass plain data.`);
  }
}
