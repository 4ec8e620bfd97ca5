import { format } from 'node:util';
import { errorFields, replaceErrors } from './error-fields.js';
import type { LogLevel } from './levels.js';

/**
 * The JSON format: one object per entry, `{timestamp, level, requestId, tenantId?, message}`.
 *
 * As the official client does (so CloudWatch queries written for it keep working):
 * - one argument is logged as itself: a string stays a string, an object stays a JSON
 *   object, an Error becomes `{errorType, errorMessage, stackTrace, ...}`;
 * - several arguments are joined by util.format into one string message.
 * In both cases the first Error argument also adds top-level `errorType`, `errorMessage`
 * and `stackTrace` (the official client forgets them when the Error is the only argument).
 * A lone value JSON has no form for is treated as the official client treats it:
 * undefined, a function or a symbol leaves the entry without `message`; a BigInt (which
 * makes JSON.stringify throw) is logged as its inspected text.
 * JSON.stringify escapes every control character, so an entry is always one line.
 */
export function formatJson(
  timestamp: string,
  level: LogLevel,
  requestId: string,
  tenantId: string | undefined,
  args: readonly unknown[],
): string {
  const entry: Record<string, unknown> = { timestamp, level: level.name, requestId };
  if (tenantId) entry['tenantId'] = tenantId;
  entry['message'] = args.length === 1 ? args[0] : format(...args);
  const firstError = args.find((arg): arg is Error => arg instanceof Error);
  if (firstError) Object.assign(entry, errorFields(firstError));
  let json: string;
  try {
    json = JSON.stringify(entry, replaceErrors);
  } catch {
    // A circular structure, a BigInt deep inside, a throwing toJSON: fall back to the
    // inspected text of the message rather than losing the entry.
    entry['message'] = format(...args);
    json = JSON.stringify(entry, replaceErrors);
  }
  return escapeLineSeparators(json);
}

// JSON.stringify leaves NEL, LS and PS raw inside strings; some line readers break on them.
// Their \u escapes are the same JSON value and keep the entry on one line.
const RAW_SEPARATORS = /[\u0085\u2028\u2029]/g;
function escapeLineSeparators(json: string): string {
  return json.replace(RAW_SEPARATORS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
