import { format } from 'node:util';
import { errorFields, replaceErrors } from './error-fields.js';
import type { LogLevel } from './levels.js';

/**
 * The JSON format: one object per entry, `{timestamp, level, requestId, tenantId?, message}`.
 *
 * As the official client does (so CloudWatch queries written for it keep working):
 * - one argument (or none) is logged as itself: a string stays a string, an object stays a JSON
 *   object, an Error becomes `{errorType, errorMessage, stackTrace, ...}`;
 * - several arguments are joined by util.format into one string message, and the first
 *   Error after the first argument adds top-level `errorType`, `errorMessage` and `stackTrace`.
 * A lone value JSON has no form for is treated as the official client treats it:
 * undefined, a function or a symbol leaves the entry without `message`; a BigInt (which
 * makes JSON.stringify throw) is logged as its inspected text.
 * JSON.stringify escapes every control character, so an entry is always one line (NEL, LS
 * and PS stay raw, as the official client writes them: they are not line ends in CloudWatch).
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
  entry['message'] = args.length <= 1 ? args[0] : format(...args);
  const firstError = args.slice(1).find((arg): arg is Error => arg instanceof Error);
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
  return json;
}
