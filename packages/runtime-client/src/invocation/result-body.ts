// The handler's result as the JSON text of the response (the transport encodes it as it
// writes, so no Buffer of the whole response is made). A result JSON.stringify cannot
// serialise fails the invocation with the official client's error (type and message
// verbatim, callers compare them); why it failed and what to do is attached as an
// explanation, which the completion logs on a line of its own.
import { explained } from '../handler/explanation.js';

/** The official 4.x client's error for a response body JSON.stringify refuses. */
export class JSONStringifyError extends Error {
  constructor() {
    super('Unable to stringify response body');
    // An own property, as in the official client: it shows in the "Invoke Error" line.
    this.name = 'Runtime.JSONStringifyError';
  }
}

const ADVICE = 'Return plain data (objects, arrays, strings, numbers, booleans or null): no circular references, no BigInt (convert it to a string), no toJSON() that throws.';

export function serializeResult(result: unknown): string {
  if (result === undefined || result === null) return NULL_JSON;
  const kind = typeof result;
  // JSON.stringify gives no text at all for these: there is no body to send.
  if (kind === 'function' || kind === 'symbol') {
    throw explained(new JSONStringifyError(), `The handler's result is a ${kind}, which has no JSON form. ${ADVICE}`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw explained(new JSONStringifyError(), `The handler's result cannot be converted to JSON (${reason}). ${ADVICE}`);
  }
  // A toJSON() returning undefined: the platform would get no body at all.
  return text === undefined ? NULL_JSON : text;
}

const NULL_JSON = 'null';
