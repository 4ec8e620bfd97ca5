import { errorTypeHeader, toErrorBody, type ErrorBody } from '../invocation/error-body.js';
import { ERROR_BODY_TRAILER, ERROR_TYPE_TRAILER } from './stream-request.js';

/** The error JSON the platform expects, the same body /error gets. */
export type StreamErrorBody = ErrorBody;

// Trailers travel in the HTTP header block: a server's header size limit (16 KiB in Node)
// applies to them. Stay well under it so a long stack does not lose the whole report.
const MAX_BODY_BASE64 = 8 * 1024;

export function streamErrorBody(error: unknown): StreamErrorBody {
  return toErrorBody(error);
}

/**
 * The two trailers that end a stream whose handler failed. The type is mapped as on /error
 * (`Function.TypeError`): the platform keeps only Runtime.X / Function.X names.
 */
export function errorTrailers(error: unknown): Record<string, string> {
  const body = streamErrorBody(error);
  let encoded = base64(body);
  // Shed detail in order of least use: stack frames, then the message.
  while (encoded.length > MAX_BODY_BASE64 && body.trace.length > 0) {
    body.trace.length = Math.floor(body.trace.length / 2);
    encoded = base64(body);
  }
  if (encoded.length > MAX_BODY_BASE64) {
    body.errorMessage = `${body.errorMessage.slice(0, 2048)}... [truncated]`;
    encoded = base64(body);
  }
  return { [ERROR_TYPE_TRAILER]: errorTypeHeader(body.errorType), [ERROR_BODY_TRAILER]: encoded };
}

function base64(body: StreamErrorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}
