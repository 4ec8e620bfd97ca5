// Verifies the HMAC signature of incoming webhooks with a signing key that is stored
// KMS-encrypted in the function's environment (WEBHOOK_SIGNING_KEY).
//
// The key is decrypted once per environment, during init, and then only used: it is never
// logged. Should it slip into a log line or an error anyway, thaw prints [redacted] instead.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineEnv, envVar, lambda } from '@thaw/middleware';

// Declared at module scope, so validation and decryption start in the init phase.
// context 'auto': works for values encrypted by the Lambda console's helpers (encryption
// context { LambdaFunctionName }) and for values encrypted with the CLI (no context).
const config = defineEnv(
  {
    WEBHOOK_SIGNING_KEY: envVar.string({ encrypted: true, minLength: 16 }),
    SIGNATURE_HEADER: envVar.string({ default: 'x-signature' }),
  },
  { kms: { context: 'auto' } },
);

let verified = 0;

export const handler = lambda(async (event, context) => {
  const { WEBHOOK_SIGNING_KEY, SIGNATURE_HEADER } = context.env;
  const body = event.body ?? '';
  const given = Buffer.from(event.headers?.[SIGNATURE_HEADER] ?? '', 'hex');
  const expected = createHmac('sha256', WEBHOOK_SIGNING_KEY).update(body).digest();
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  if (valid) verified += 1;
  console.log(`webhook of ${Buffer.byteLength(body)} bytes: signature ${valid ? 'valid' : 'INVALID'} (${verified} verified in this environment)`);
  return valid
    ? { statusCode: 200, body: JSON.stringify({ accepted: true }) }
    : { statusCode: 401, body: JSON.stringify({ accepted: false, reason: 'bad signature' }) };
}).use(config.middleware());
