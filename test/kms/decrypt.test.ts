import middy from '@middy/core';
import { startKms, type LocalKms } from '@thaw/emulator';
import { decryptEnv, defineEnv, envVar, EnvConfigError, KmsDecryptionError, lambda } from '@thaw/middleware';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, sdkClient } from './helpers.js';

// The real @aws-sdk/client-kms, loaded lazily by @thaw/middleware, over HTTP to the stand-in.
const FUNCTION = 'orders-api';
let kms: LocalKms;
let keyId: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  kms = await startKms();
  ({ keyId } = await kms.createKey());
  // The shared client reads region, endpoint and credentials the way it does on Lambda.
  Object.assign(process.env, kms.clientEnv());
  baseEnv = { ...kms.clientEnv(), AWS_LAMBDA_FUNCTION_NAME: FUNCTION };
});
afterAll(() => kms.close());
beforeEach(() => {
  kms.faults.clear();
  kms.resetCalls();
});

const consoleCtx = { LambdaFunctionName: FUNCTION };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

describe('decryptEnv', () => {
  it("context 'function-name' decrypts values encrypted by the console helpers", async () => {
    const env = { ...baseEnv, DB_PASSWORD: await kms.encrypt(keyId, 'pw-function-name', consoleCtx) };
    const secrets = decryptEnv({ names: ['DB_PASSWORD'], context: 'function-name', env });
    expect(await secrets.ready()).toEqual({ DB_PASSWORD: 'pw-function-name' });
    expect(secrets.get('DB_PASSWORD')).toBe('pw-function-name');
    expect(kms.callCount('Decrypt')).toBe(1);
  });

  it("context 'none' decrypts values encrypted with the CLI", async () => {
    const env = { ...baseEnv, API_KEY: await kms.encrypt(keyId, 'key-none') };
    expect(await decryptEnv({ names: ['API_KEY'], context: 'none', env }).ready()).toEqual({ API_KEY: 'key-none' });
    expect(kms.callCount('Decrypt')).toBe(1);
  });

  it("context 'auto' handles both and remembers per variable which context worked", async () => {
    const env = {
      ...baseEnv,
      FROM_CONSOLE: await kms.encrypt(keyId, 'auto-console', consoleCtx),
      FROM_CLI: await kms.encrypt(keyId, 'auto-cli'),
    };
    const first = decryptEnv({ names: ['FROM_CONSOLE', 'FROM_CLI'], context: 'auto', env });
    expect(await first.ready()).toEqual({ FROM_CONSOLE: 'auto-console', FROM_CLI: 'auto-cli' });
    // FROM_CLI cost a failed try with the function-name context first.
    expect(kms.callCount('Decrypt')).toBe(3);
    kms.resetCalls();
    await decryptEnv({ names: ['FROM_CONSOLE', 'FROM_CLI'], context: 'auto', env }).ready();
    expect(kms.calls).toEqual([
      { operation: 'Decrypt', status: 200 },
      { operation: 'Decrypt', status: 200 },
    ]);
  });

  it('selects variables by prefix and suffix, and exports to process.env only when asked', async () => {
    const env = {
      ...baseEnv,
      SECRET_A: await kms.encrypt(keyId, 'value-a'),
      B_ENC: await kms.encrypt(keyId, 'value-b'),
      PLAIN: 'left alone',
    };
    const kept = decryptEnv({ prefix: 'SECRET_', suffix: '_ENC', context: 'none', env });
    expect(kept.variables).toEqual(['B_ENC', 'SECRET_A']);
    expect(await kept.ready()).toEqual({ SECRET_A: 'value-a', B_ENC: 'value-b' });
    expect(process.env.SECRET_A).toBeUndefined();

    const exported = decryptEnv({ names: ['SECRET_A'], context: 'none', env, exportToProcessEnv: true });
    await exported.ready();
    expect(process.env.SECRET_A).toBe('value-a');
    delete process.env.SECRET_A;
    expect(() => decryptEnv({ env })).toThrow(/names, prefix or suffix/);
  });

  it('concurrent first invocations share one decryption', async () => {
    const env = { ...baseEnv, ONCE: await kms.encrypt(keyId, 'decrypted-once') };
    kms.faults.latency(20);
    const secrets = decryptEnv({ names: ['ONCE'], context: 'none', env });
    const handler = middy(async (_event: unknown, context: Context & { secrets?: Record<string, string> }) => context.secrets?.ONCE).use(
      secrets.middleware(),
    );
    const results = await Promise.all(Array.from({ length: 8 }, () => handler({}, {} as Context)));
    expect(results).toEqual(Array(8).fill('decrypted-once'));
    expect(kms.callCount('Decrypt')).toBe(1);
    await handler({}, {} as Context);
    expect(kms.callCount('Decrypt')).toBe(1);
  });

  it('retries throttling and 5xx with backoff, then succeeds', async () => {
    const env = { ...baseEnv, T: await kms.encrypt(keyId, 'after-throttle') };
    kms.faults.throttle(2);
    expect(await decryptEnv({ names: ['T'], context: 'none', env, ...fast }).ready()).toEqual({ T: 'after-throttle' });
    expect(kms.calls.map((c) => c.errorType ?? c.status)).toEqual(['ThrottlingException', 'ThrottlingException', 200]);
    kms.resetCalls();
    kms.faults.fail(1, 502);
    expect(await decryptEnv({ names: ['T'], context: 'none', env, ...fast }).ready()).toEqual({ T: 'after-throttle' });
    expect(kms.calls.map((c) => c.status)).toEqual([502, 200]);
  });

  it('retries a request signed before a freeze exactly once', async () => {
    const env = { ...baseEnv, FROZEN: await kms.encrypt(keyId, 'after-thaw') };
    kms.faults.expireSignatures(1);
    expect(await decryptEnv({ names: ['FROZEN'], context: 'none', env }).ready()).toEqual({ FROZEN: 'after-thaw' });
    expect(kms.calls.map((c) => c.errorType ?? c.status)).toEqual(['InvalidSignatureException', 200]);
  });

  it('names every variable that failed and why, without ciphertext or plaintext', async () => {
    const { keyId: disabledKey } = await kms.createKey();
    const { keyId: guardedKey } = await kms.createKey({ decryptPolicy: { accessKeyIds: ['AKIDSOMEONEELSE'] } });
    const env = {
      ...baseEnv,
      WRONG_CONTEXT: await kms.encrypt(keyId, 'plain-wrong-context', { LambdaFunctionName: 'another-function' }),
      DENIED: await kms.encrypt(guardedKey, 'plain-denied'),
      DISABLED: await kms.encrypt(disabledKey, 'plain-disabled'),
      THROTTLED: await kms.encrypt(keyId, 'plain-throttled'),
      NOT_BASE64: 'this is not base64!',
      EMPTY: '',
      OK: await kms.encrypt(keyId, 'plain-ok'),
    };
    await kms.disableKey(disabledKey);
    const names = ['WRONG_CONTEXT', 'DENIED', 'DISABLED', 'THROTTLED', 'NOT_BASE64', 'EMPTY', 'MISSING', 'OK'] as const;
    const secrets = decryptEnv({ names, context: 'auto', env, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await failure<KmsDecryptionError>(secrets.ready());
    expect(error).toBeInstanceOf(KmsDecryptionError);
    expect(error.name).toBe('KmsDecryptionError');
    const reasons = Object.fromEntries(error.problems.map((p) => [p.variable, p.reason]));
    expect(Object.keys(reasons)).toEqual(['WRONG_CONTEXT', 'DENIED', 'DISABLED', 'NOT_BASE64', 'EMPTY', 'MISSING']);
    expect(reasons.WRONG_CONTEXT).toMatch(/^wrong encryption context: KMS could not decrypt it with context LambdaFunctionName=orders-api or without encryption context/);
    expect(reasons.DENIED).toMatch(/^access denied: the function's role needs kms:Decrypt on the key with kms:EncryptionContext:LambdaFunctionName = orders-api/);
    expect(reasons.DISABLED).toMatch(/^the KMS key is disabled/);
    expect(reasons.NOT_BASE64).toMatch(/^is not base64/);
    expect(reasons.EMPTY).toBe('is empty');
    expect(reasons.MISSING).toBe('is not set');
    for (const [name, value] of Object.entries(env)) {
      if (name.startsWith('AWS_') || value.length < 8) continue;
      expect(error.message).not.toContain(value);
    }
    expect(error.message).not.toContain('plain-');
    expect(error.message).toContain('6 encrypted environment variables could not be decrypted');

    // Only the failures are retried: fix one, and only the failed variables reach KMS again.
    await kms.enableKey(disabledKey);
    kms.resetCalls();
    kms.faults.throttle(10);
    const again = await failure<KmsDecryptionError>(secrets.ready());
    expect(again.problems.find((p) => p.variable === 'DISABLED')?.reason).toMatch(/^throttled by KMS after 3 attempts/);
    kms.faults.clear();
    kms.resetCalls();
    const third = await failure<KmsDecryptionError>(secrets.ready());
    expect(third.problems.map((p) => p.variable)).toEqual(['WRONG_CONTEXT', 'DENIED', 'NOT_BASE64', 'EMPTY', 'MISSING']);
    // WRONG_CONTEXT (2 contexts), DENIED (1: access denied is final), DISABLED (2: function-name
    // context first, then none); THROTTLED and OK were kept from the first load.
    expect(kms.callCount('Decrypt')).toBe(5);
  });

  it('reports a 5xx after retries and a wrong secret after one signature retry', async () => {
    const env = { ...baseEnv, S: await kms.encrypt(keyId, 'five-hundred') };
    kms.faults.fail(10, 500);
    const serverError = await failure<KmsDecryptionError>(decryptEnv({ names: ['S'], context: 'none', env, ...fast }).ready());
    expect(serverError.problems[0]!.reason).toMatch(/^KMS failed with an internal error after 4 attempts \(HTTP 500\)/);
    kms.faults.clear();
    kms.resetCalls();

    const wrongSecret = sdkClient(kms, { credentials: { accessKeyId: kms.credentials.accessKeyId, secretAccessKey: 'not-the-secret' } });
    const refused = await failure<KmsDecryptionError>(decryptEnv({ names: ['S'], context: 'none', env, client: wrongSecret }).ready());
    expect(refused.problems[0]!.reason).toBe("KMS refused the request signature twice: check the function's credentials and clock");
    expect(refused.message).not.toContain('not-the-secret');
    expect(kms.calls.map((c) => c.errorType)).toEqual(['InvalidSignatureException', 'InvalidSignatureException']);
  });

  it('the middleware redacts a secret from errors thrown by the handler (under our engine)', async () => {
    const env = { ...baseEnv, TOKEN: await kms.encrypt(keyId, 'tok-leaky-value') };
    const secrets = decryptEnv({ names: ['TOKEN'], context: 'none', env });
    const handler = lambda(async (_event: unknown, context: Context & { secrets: { TOKEN: string } }) => {
      throw new Error(`upstream refused ${context.secrets.TOKEN}`);
    }).use(secrets.middleware());
    const error = await failure(handler({}, { getRemainingTimeInMillis: () => 10_000 } as Context));
    expect(error.message).toBe('upstream refused [redacted]');
    expect(error.stack).not.toContain('tok-leaky-value');
  });
});

describe('defineEnv with encrypted variables', () => {
  it('decrypts, parses and types encrypted and plain variables together', async () => {
    const env = {
      ...baseEnv,
      TABLE: 'orders',
      DB_PORT: await kms.encrypt(keyId, '5432', consoleCtx),
      DB_PASSWORD: await kms.encrypt(keyId, 'pg-password-123'),
    };
    const config = defineEnv(
      { TABLE: envVar.string(), DB_PORT: envVar.number({ encrypted: true }), DB_PASSWORD: envVar.string({ encrypted: true }) },
      { env, kms: { context: 'auto' } },
    );
    const values = await config.ready();
    expect(values).toEqual({ TABLE: 'orders', DB_PORT: 5432, DB_PASSWORD: 'pg-password-123' });
    expect(config.get('DB_PORT')).toBe(5432);
  });

  it('lists plain and decryption problems in one EnvConfigError', async () => {
    const env = { ...baseEnv, PORT: 'abc', SECRET_JSON: await kms.encrypt(keyId, '{"broken": "json-secret-'), BAD: 'A' };
    const config = defineEnv(
      {
        PORT: envVar.number(),
        SECRET_JSON: envVar.json({ encrypted: true }),
        BAD: envVar.string({ encrypted: true }),
        NEEDED: envVar.string({ encrypted: true }),
      },
      { env, kms: { context: 'none' } },
    );
    const error = await failure<EnvConfigError>(config.ready());
    expect(error).toBeInstanceOf(EnvConfigError);
    expect(error.problems.map((p) => `${p.variable}: ${p.reason}`)).toEqual([
      'PORT: must be a number (declared number)',
      'SECRET_JSON: must be valid JSON (declared json)',
      'BAD: could not be decrypted: is not base64: expected the base64 CiphertextBlob of a KMS Encrypt',
      'NEEDED: is not set',
    ]);
    expect(error.message).not.toContain('json-secret');
  });
});
