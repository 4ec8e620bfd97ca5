// The handler's result as the JSON bytes of the response. A result that has no JSON form
// becomes a clear error instead of a crash or a silent `null`.

export class ResponseNotSerializableError extends Error {
  /** The stable name to match on: `error.name === 'Runtime.ResponseNotSerializable'`. */
  override readonly name = 'Runtime.ResponseNotSerializable';
}

export function serializeResult(result: unknown): Buffer {
  if (result === undefined || result === null) return NULL_JSON;
  const kind = typeof result;
  if (kind === 'function' || kind === 'symbol') {
    throw new ResponseNotSerializableError(`The handler's result is a ${kind}, which has no JSON form. Return plain data (objects, arrays, strings, numbers, booleans or null).`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ResponseNotSerializableError(`The handler's result cannot be converted to JSON (${reason}). Return plain data: no circular references, no BigInt (convert it to a string), no toJSON() that throws.`);
  }
  // A toJSON() returning undefined: the platform would get no body at all.
  return text === undefined ? NULL_JSON : Buffer.from(text);
}

const NULL_JSON = Buffer.from('null');
