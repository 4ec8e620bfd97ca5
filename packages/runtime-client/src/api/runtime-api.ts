// The Runtime API 2018-06-01 as calls: it knows paths and headers, nothing of handlers.
// Status codes are returned, not thrown: what to do about a 403 or a 413 is the loop's
// policy, not the transport's.
import { Transport, type Headers, type HttpResponse, type StreamRequest } from './transport.js';

export type { HttpResponse, StreamRequest } from './transport.js';

const BASE = '/2018-06-01/runtime';
const JSON_TYPE = 'application/json';

/** An error as the Runtime API wants it: the JSON body and the two headers. */
export interface ErrorReport {
  /** `{errorType, errorMessage, trace}` already serialized. */
  body: Buffer;
  /** Lambda-Runtime-Function-Error-Type. */
  errorType: string;
  /** Lambda-Runtime-Function-XRay-Error-Cause (compact JSON), when there is one. */
  xrayCause?: string;
}

export interface Invocation {
  requestId: string;
  headers: Record<string, string>;
  /** The event exactly as received: not decoded until the handler needs it. */
  body: Buffer;
}

export class RuntimeApi {
  private readonly transport: Transport;

  constructor(host: string, port: number, userAgent: string) {
    this.transport = new Transport(host, port, userAgent);
  }

  /** Long-polls for the next invocation. Resolves with the raw answer when it is not a 200. */
  async next(): Promise<Invocation | HttpResponse> {
    const answer = await this.transport.request('GET', `${BASE}/invocation/next`);
    const requestId = answer.headers['lambda-runtime-aws-request-id'];
    if (answer.status !== 200 || requestId === undefined) return answer;
    return { requestId, headers: answer.headers, body: answer.body };
  }

  respond(requestId: string, body: Buffer | string, contentType = JSON_TYPE): Promise<HttpResponse> {
    return this.transport.request('POST', `${BASE}/invocation/${encodeURIComponent(requestId)}/response`, { 'Content-Type': contentType }, body);
  }

  /**
   * Opens a streamed response (Lambda-Runtime-Function-Response-Mode: streaming). Errors
   * after the first byte travel as the Lambda-Runtime-Function-Error-Type/-Body trailers.
   */
  respondStream(requestId: string, contentType: string, extraHeaders?: Headers): StreamRequest {
    const headers: Headers = {
      'Content-Type': contentType,
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      ...extraHeaders,
    };
    return this.transport.openStream('POST', `${BASE}/invocation/${encodeURIComponent(requestId)}/response`, headers);
  }

  fail(requestId: string, report: ErrorReport): Promise<HttpResponse> {
    return this.transport.request('POST', `${BASE}/invocation/${encodeURIComponent(requestId)}/error`, errorHeaders(report), report.body);
  }

  initFail(report: ErrorReport): Promise<HttpResponse> {
    return this.transport.request('POST', `${BASE}/init/error`, errorHeaders(report), report.body);
  }

  close(): void {
    this.transport.close();
  }
}

function errorHeaders(report: ErrorReport): Headers {
  const headers: Headers = { 'Content-Type': JSON_TYPE, 'Lambda-Runtime-Function-Error-Type': report.errorType };
  if (report.xrayCause !== undefined) headers['Lambda-Runtime-Function-XRay-Error-Cause'] = report.xrayCause;
  return headers;
}

export function isInvocation(answer: Invocation | HttpResponse): answer is Invocation {
  return 'requestId' in answer;
}
