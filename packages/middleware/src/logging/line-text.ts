import type { MirroredContext } from './attribute-mirror.js';
import { printsSameWithoutReplacer } from './json-safety.js';

/**
 * A Powertools log line as JSON text, put together field by field.
 *
 * Powertools makes an object of the standard fields, deep-merges the attributes into it,
 * drops empty values and prints the object through a replacer. For the usual line (string
 * fields, attributes named unlike them) the text is the same when each standard field is
 * printed in turn and then each attribute, as the merge left it (`merged`: the attributes
 * deep-merged into an empty object, which reads every getter once and leaves out what the
 * merge leaves out). This does that, and says `undefined` for any line where the result could
 * differ, which then takes the object path (fast-logger.ts): an attribute with a standard
 * field's name (the merge replaces that field in place), an array-index name (JSON.stringify
 * prints those first), a top-level toJSON (it would replace the line), or a value the
 * replacer would change.
 */
type Attributes = Record<string, unknown>;

/** The standard fields in Powertools' order (2.36). */
const STANDARD_KEYS: ReadonlySet<string> = new Set([
  'level', 'message', 'timestamp', 'service', 'cold_start', 'function_arn', 'function_memory_size',
  'function_name', 'function_request_id', 'sampling_rate', 'xray_trace_id', 'tenant_id',
]);
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

export interface LineFields {
  level: string;
  message: unknown;
  timestamp: string;
  service: string | undefined;
  context: MirroredContext | undefined;
  samplingRate: number | undefined;
  traceId: string | undefined;
}

/** `error`: the `error` attribute as Powertools formats an Error, when it is one. */
export function lineText(fields: LineFields, merged: Attributes, error: unknown): string | undefined {
  const { context } = fields;
  if (context !== undefined && !allScalar(context)) return undefined;
  // Level names and ISO timestamps hold nothing JSON escapes.
  let text = '{"level":"' + fields.level + '"';
  if (printable(fields.message)) {
    if (!printsSameWithoutReplacer(fields.message)) return undefined;
    text += ',"message":' + JSON.stringify(fields.message);
  }
  text +=
    ',"timestamp":"' + fields.timestamp + '"' +
    SERVICE.text(fields.service) +
    COLD_START.text(context?.coldStart) +
    FUNCTION_ARN.text(context?.invokedFunctionArn) +
    MEMORY_SIZE.text(context?.memoryLimitInMB) +
    FUNCTION_NAME.text(context?.functionName) +
    REQUEST_ID.text(context?.awsRequestId) +
    SAMPLING_RATE.text(fields.samplingRate) +
    TRACE_ID.text(fields.traceId) +
    TENANT_ID.text(context?.tenantId);
  for (const key of Object.keys(merged)) {
    // Checked before the value: an empty value under a standard name still removes that field.
    const quoted = keyText(key);
    if (quoted === null) return undefined;
    const value = key === 'error' && error !== undefined ? error : merged[key];
    if (!printable(value)) continue;
    if (!printsSameWithoutReplacer(value)) return undefined;
    text += ',' + quoted + ':' + JSON.stringify(value);
  }
  return text + '}';
}

/**
 * An attribute name's JSON text, or null when a line with it must take the object path. Kept
 * per name (the same few names come back line after line); emptied when it holds 1000, so
 * names made up per line cannot grow it without bound.
 */
const KEY_TEXTS = new Map<string, string | null>();

function keyText(key: string): string | null {
  let text = KEY_TEXTS.get(key);
  if (text === undefined) {
    text = STANDARD_KEYS.has(key) || ARRAY_INDEX.test(key) || key === 'toJSON' ? null : JSON.stringify(key);
    if (KEY_TEXTS.size >= 1000) KEY_TEXTS.clear();
    KEY_TEXTS.set(key, text);
  }
  return text;
}

/** What Powertools keeps of a top-level value (it drops undefined, '' and null; JSON drops functions and symbols). */
function printable(value: unknown): boolean {
  return value !== undefined && value !== '' && value !== null && typeof value !== 'function' && typeof value !== 'symbol';
}

/** The context's fields are strings, numbers and booleans as Lambda gives them; anything else takes the object path. */
function allScalar(context: MirroredContext): boolean {
  for (const key in context) {
    const value = (context as unknown as Attributes)[key];
    if (value !== null && typeof value === 'object') return false;
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') return false;
  }
  return true;
}

/**
 * One standard field's text, kept for as long as its value is the same: from one line to
 * the next, most of them (the function's name, ARN, memory, the service) are.
 */
class Field {
  #value: unknown = undefined;
  #text = '';
  constructor(private readonly key: string) {}

  text(value: string | number | boolean | undefined): string {
    if (value !== this.#value || this.#text === '') {
      this.#value = value;
      this.#text = printable(value) ? `,"${this.key}":${JSON.stringify(value)}` : '';
    }
    return this.#text;
  }
}

const SERVICE = new Field('service');
const COLD_START = new Field('cold_start');
const FUNCTION_ARN = new Field('function_arn');
const MEMORY_SIZE = new Field('function_memory_size');
const FUNCTION_NAME = new Field('function_name');
const REQUEST_ID = new Field('function_request_id');
const SAMPLING_RATE = new Field('sampling_rate');
const TRACE_ID = new Field('xray_trace_id');
const TENANT_ID = new Field('tenant_id');
