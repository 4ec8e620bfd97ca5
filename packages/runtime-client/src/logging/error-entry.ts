// The log entry the runtime writes for a failure ("Invoke Error", "Init Error", "Uncaught
// Exception", "Unhandled Promise Rejection"), in the official client's shape, because
// users' log queries and the black-box comparisons match on it:
// - Text: `<title> \t{"errorType":…,"errorMessage":…,<own enumerable properties>,"stack":[lines]}`
//   (console.error(title, "\t" + JSON), util.format joins them with a space);
// - JSON: the error itself is the message: `{…, "message": {"errorType", "errorMessage",
//   "stackTrace", <own enumerable properties>}}`, with no error fields at the top level.
// Unlike the official client, only the properties error-properties.ts lets through.
import { errorType } from './error-fields.js';
import { loggableProperties } from './error-properties.js';
import { activeLogFormat } from './install.js';

/** A thrown value that is not an Error is logged as `new Error(String(value))`, as the official client does. */
export function intoError(value: unknown): Error {
  if (value instanceof Error) return value;
  let text: string;
  try {
    text = String(value);
  } catch {
    text = '[a value that cannot be converted to a string]';
  }
  return new Error(text);
}

export function logErrorEntry(title: string, value: unknown): void {
  const error = intoError(value);
  if (activeLogFormat() === 'JSON') console.error(jsonMessageOf(error));
  else console.error(title, textDetailOf(error));
}

/** The "\t{...}" that follows the title in the Text format. */
export function textDetailOf(error: Error): string {
  try {
    return `\t${JSON.stringify(error, withErrorFields)}`;
  } catch {
    // A cycle or a throwing getter among the error's properties: the three basic fields.
    return `\t${JSON.stringify(basicFields(error))}`;
  }
}

// Error's own fields are not enumerable; JSON.stringify would print `{}`.
function withErrorFields(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const loggable = loggableProperties(value);
  // `code` comes third, where the official client prints it, but only when it is loggable
  // (an object-valued code could carry anything); undefined keys are left out of the JSON.
  const out: Record<string, unknown> = { errorType: value.name, errorMessage: value.message, code: loggable['code'] };
  Object.assign(out, loggable);
  if (typeof value.stack === 'string') out['stack'] = value.stack.split('\n');
  return out;
}

function basicFields(error: Error): { errorType: string; errorMessage: string; trace: string[] } {
  try {
    return { errorType: String(error.name), errorMessage: String(error.message), trace: typeof error.stack === 'string' ? error.stack.split('\n') : [] };
  } catch {
    return { errorType: 'Error', errorMessage: '[an error whose fields cannot be read]', trace: [] };
  }
}

/** The message object of the JSON format: a plain object, so no top-level fields are added. */
export function jsonMessageOf(error: Error): Record<string, unknown> {
  try {
    return {
      errorType: errorType(error),
      errorMessage: error.message,
      stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      ...loggableProperties(error),
    };
  } catch {
    return { ...basicFields(error) };
  }
}
