// Decodes the event only when the handler is about to get it. The bytes are decoded as
// UTF-8 in one step (a NUL byte is an ordinary character) and parsed once.
import { RuntimeError } from './error-report.js';

const BOM = 0xfeff;

export function parseEvent(body: Buffer): unknown {
  // The Invoke API turns an empty payload into {}; an emulator may pass it through empty.
  if (body.length === 0) return {};
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === BOM) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RuntimeError(
      'Runtime.InvalidEventPayload',
      `The event is not valid JSON (${(error as Error).message}; ${body.length} bytes). Lambda events are JSON documents: send the event as JSON.`,
    );
  }
}
