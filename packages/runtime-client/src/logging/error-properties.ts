// Which of an error's own enumerable properties the failure log line carries. The official
// client prints all of them, so an HTTP client's error prints its whole request config:
// credentials and Authorization header included, into logs that more people read than
// should see the function's secrets. thaw keeps the properties that say what failed (code,
// statusCode, errno, syscall: values that are not objects) and drops objects; a string that
// contains the value of a credential-like environment variable has it replaced.
const SENSITIVE_NAME = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|AUTH|SESSION|PRIVATE/i;
// Shorter values ("1", "true") would blank out unrelated text.
const SHORTEST_SECRET = 8;
export const REDACTED = '[redacted]';

/** The error's own enumerable properties that are safe and useful to log. */
export function loggableProperties(error: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    let value: unknown;
    try {
      value = (error as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string') out[key] = redactSecrets(value);
  }
  return out;
}

/** `text` with the value of every credential-like environment variable replaced. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || value.length < SHORTEST_SECRET || !SENSITIVE_NAME.test(name)) continue;
    if (out.includes(value)) out = out.split(value).join(REDACTED);
  }
  return out;
}
