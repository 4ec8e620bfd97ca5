import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, startKms, type Emulator, type InvokeResult, type LocalKms, type LogFormat } from '@thaw/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The real bootstrap as a child process under the real emulator, decrypting from the real
// KMS stand-in through the real @aws-sdk/client-kms. Every line of output is kept and
// scanned for the plaintext.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bootstrap = join(root, 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');
const FUNCTION = 'webhook-verifier';
const SIGNING_KEY = 'e2e-webhook-signing-key-0123456789';
const TOKEN = 'leaky-api-token-9f8e7d6c';

let kms: LocalKms;
let keyId: string;
const emulators: Emulator[] = [];

beforeAll(async () => {
  kms = await startKms();
  // Least privilege as documented: decrypt only with this function's name as context.
  ({ keyId } = await kms.createKey({ decryptPolicy: { encryptionContextEquals: { LambdaFunctionName: FUNCTION } } }));
});
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});
afterAll(() => kms.close());

async function start(taskRoot: string, env: Record<string, string>, logFormat: LogFormat, lines: string[]): Promise<Emulator> {
  const emulator = await startEmulator({
    command: [process.execPath, bootstrap],
    handler: 'index.handler',
    taskRoot,
    functionName: FUNCTION,
    timeoutSeconds: 20,
    logFormat,
    env: { ...kms.clientEnv(), ...env },
    onLog: (line) => lines.push(line),
  });
  emulators.push(emulator);
  return emulator;
}

function everything(lines: string[], results: InvokeResult[]): string {
  return [...lines, ...results.flatMap((r) => [r.payload.toString('utf8'), ...r.logs])].join('\n');
}

describe('examples/secrets end to end', () => {
  it('decrypts the signing key once per environment and never prints it', async () => {
    const lines: string[] = [];
    const ciphertext = await kms.encrypt(keyId, SIGNING_KEY, { LambdaFunctionName: FUNCTION });
    const emulator = await start(join(root, 'examples', 'secrets'), { WEBHOOK_SIGNING_KEY: ciphertext }, 'Text', lines);
    kms.resetCalls();
    const body = JSON.stringify({ order: 7, status: 'paid' });
    const signature = createHmac('sha256', SIGNING_KEY).update(body).digest('hex');

    const cold = await emulator.invoke({ headers: { 'x-signature': signature }, body });
    const warm = await emulator.invoke({ headers: { 'x-signature': signature }, body });
    const forged = await emulator.invoke({ headers: { 'x-signature': '00'.repeat(32) }, body });

    expect(cold.status).toBe('success');
    expect(cold.cold).toBe(true);
    expect(cold.response).toEqual({ statusCode: 200, body: JSON.stringify({ accepted: true }) });
    expect(warm.cold).toBe(false);
    expect(warm.response).toMatchObject({ statusCode: 200 });
    expect(forged.response).toMatchObject({ statusCode: 401 });
    // One Decrypt for the environment (function-name context first, as the key policy wants);
    // the warm invocations made none.
    expect(kms.calls).toEqual([{ operation: 'Decrypt', status: 200 }]);
    const output = everything(lines, [cold, warm, forged]);
    expect(output).toContain('signature valid');
    expect(output).not.toContain(SIGNING_KEY);
  });

  it('reports an undecryptable key as one init-time error naming the variable, not the value', async () => {
    const lines: string[] = [];
    // Encrypted for another function: the key policy refuses it, as KMS would.
    const ciphertext = await kms.encrypt(keyId, SIGNING_KEY, { LambdaFunctionName: 'someone-else' });
    const emulator = await start(join(root, 'examples', 'secrets'), { WEBHOOK_SIGNING_KEY: ciphertext }, 'Text', lines);
    const result = await emulator.invoke({ body: '' });
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('EnvConfigError');
    expect(result.error?.errorMessage).toMatch(/WEBHOOK_SIGNING_KEY: could not be decrypted: /);
    const output = everything(lines, [result]);
    expect(output).not.toContain(SIGNING_KEY);
    expect(output).not.toContain(ciphertext);
  });
});

describe('redaction end to end', () => {
  for (const logFormat of ['Text', 'JSON'] as const) {
    it(`redacts console, Powertools and error output (${logFormat} log format)`, async () => {
      const lines: string[] = [];
      const ciphertext = await kms.encrypt(keyId, TOKEN, { LambdaFunctionName: FUNCTION });
      const emulator = await start(join(root, 'test', 'kms', 'fixtures', 'leaky'), { API_TOKEN: ciphertext }, logFormat, lines);
      const ok = await emulator.invoke({});
      const failed = await emulator.invoke({ fail: true });
      expect(ok.response).toEqual({ ok: true, tokenLength: TOKEN.length });
      expect(failed.status).toBe('error');
      expect(failed.error?.errorMessage).toBe('handler failed with token [redacted]');
      const output = everything(lines, [ok, failed]);
      // Every kind of line was printed, each with the secret replaced.
      for (const marker of ['init: decrypted token is', 'token=[redacted]', 'powertools says [redacted]', 'failure mentioning [redacted]']) {
        expect(output).toContain(marker);
      }
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(TOKEN.slice(0, 12));
    });
  }
});
