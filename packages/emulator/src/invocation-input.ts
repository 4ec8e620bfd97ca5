// Turns what a caller passes (event, client context, identity, tenant, trace) into the bytes and
// header values the runtime receives, refusing what the platform would refuse.
import { InvokeInputError } from './errors.js';
import { MAX_EVENT_BYTES } from './limits.js';
import { newTraceId, type InvocationContext } from './invocation.js';

// JSON in a header must stay within visible ASCII: escape everything else as \uXXXX (still JSON).
function asciiJson(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function headerText(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new InvokeInputError(`${name} must not contain line breaks or NUL characters.`);
  return value;
}

/** An object, or text that must already be JSON. */
export function jsonHeader(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      throw new InvokeInputError(`${name} must be an object or JSON text; got text that is not JSON.`);
    }
    return headerText(name, asciiJson(value));
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvokeInputError(`${name} cannot be serialized to JSON: ${(error as Error).message}.`);
  }
  if (text === undefined) throw new InvokeInputError(`${name} cannot be serialized to JSON.`);
  return asciiJson(text);
}

/** The event as bytes: Buffer/Uint8Array/string as is, anything else as JSON (undefined as `{}`). */
export function eventBytes(event: unknown): Buffer {
  let bytes: Buffer;
  if (Buffer.isBuffer(event)) bytes = event;
  else if (event instanceof Uint8Array) bytes = Buffer.from(event.buffer, event.byteOffset, event.byteLength);
  else if (typeof event === 'string') bytes = Buffer.from(event, 'utf8');
  else {
    let text: string | undefined;
    try {
      text = JSON.stringify(event === undefined ? {} : event);
    } catch (error) {
      throw new InvokeInputError(`The event cannot be serialized to JSON: ${(error as Error).message}. Pass a JSON value, a string or a Buffer.`);
    }
    if (text === undefined) throw new InvokeInputError('The event cannot be serialized to JSON (a function or symbol?). Pass a JSON value, a string or a Buffer.');
    bytes = Buffer.from(text, 'utf8');
  }
  if (bytes.length > MAX_EVENT_BYTES) {
    throw new InvokeInputError(`The event is ${bytes.length} bytes; Lambda accepts at most ${MAX_EVENT_BYTES} bytes for a synchronous invocation.`);
  }
  return bytes;
}

export interface ContextInput {
  clientContext?: unknown;
  identity?: unknown;
  tenantId?: unknown;
  traceId?: unknown;
}

export function invocationContext(input: ContextInput): InvocationContext {
  const context: InvocationContext = { traceId: newTraceId() };
  const clientContext = jsonHeader('clientContext', input.clientContext);
  if (clientContext !== undefined) context.clientContext = clientContext;
  const identity = jsonHeader('identity', input.identity);
  if (identity !== undefined) context.identity = identity;
  for (const key of ['tenantId', 'traceId'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^[\x20-\x7e]+$/.test(value)) {
      throw new InvokeInputError(`${key} must be a non-empty string of printable ASCII characters.`);
    }
    context[key] = value;
  }
  return context;
}
