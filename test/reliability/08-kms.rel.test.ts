// KMS-encrypted environment variables under failure: throttling storms, 5xx storms, slow
// answers, wrong keys (disabled, another key than expected, another function's encryption
// context, garbage ciphertext) and the endpoint down. The real bootstrap runs a function
// using decryptEnv under the emulator, against the KMS stand-in, through the real AWS SDK.
// Expected: every invocation either succeeds or fails with KmsDecryptionError naming the
// variable; a storm that ends is recovered from; no plaintext in any output.
import { join } from 'node:path';
import { startKms, type InvokeResult, type LocalKms } from '@thaw/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { FIXTURES } from './support/paths.js';
import { PLANTED_KMS_PLAINTEXTS, leakForms } from './support/planted.js';
import { startRuntime } from './support/runtime.js';

const FUNCTION = 'reliability-kms';
const [PLAIN_A, PLAIN_B] = PLANTED_KMS_PLAINTEXTS;
const STORM_ROUNDS = Number(process.env.THAW_KMS_STORM_ROUNDS ?? 10);
let kms: LocalKms;
let keyId: string;
let otherKeyId: string;
const rows: Array<[string, string | number]> = [];
const leaks: string[] = [];
const unexpected: string[] = [];
let invocations = 0;
// Lines where the function printed a secret and [redacted] came out: proof the scan had something to find.
let redactedLines = 0;

beforeAll(async () => {
  kms = await startKms();
  ({ keyId } = await kms.createKey({ alias: 'alias/reliability' }));
  ({ keyId: otherKeyId } = await kms.createKey({ alias: 'alias/other' }));
});
afterAll(async () => {
  await kms.close();
  recordSection({
    order: '08',
    title: 'KMS failures',
    summary: `A function that decrypts two KMS-encrypted variables with \`decryptEnv\` (3 attempts, short backoff) and then logs one and throws with the other, under the emulator, against the KMS stand-in through @aws-sdk/client-kms. Each scenario is a fresh environment; every line, payload and Runtime API request is scanned for both plaintexts (as is, JSON-escaped, base64, URI-encoded).`,
    rows: [['invocations', invocations], ...rows, ['lines where the function printed a plaintext and [redacted] came out', redactedLines], ['outputs containing a plaintext', leaks.length]],
    checks: [
      ['zero plaintext in any output (and the function did print them)', leaks.length === 0 && redactedLines > 0],
      ['every failure is a KmsDecryptionError naming the variable; every recovery succeeds', unexpected.length === 0],
    ],
    notes: [...leaks, ...unexpected].slice(0, 10),
  });
});

function scan(label: string, texts: string[]): void {
  for (const plaintext of [PLAIN_A, PLAIN_B]) {
    for (const form of leakForms(plaintext)) {
      if (texts.some((text) => text.includes(form))) leaks.push(`${label}: a plaintext appeared in the output`);
    }
  }
}

function everything(results: InvokeResult[], lines: string[]): string[] {
  return [...lines, ...results.flatMap((r) => [r.payload.toString('latin1'), ...r.logs, ...r.traffic.flatMap((t) => [JSON.stringify(t.headers), t.body.toString('latin1')])])];
}

/** One environment: `before` sets the stand-in's faults, then `count` invocations. */
async function scenario(label: string, env: Record<string, string>, count: number, expectOutcome: (result: InvokeResult, index: number) => 'ok' | 'decrypt-failure' | 'any'): Promise<Record<string, number>> {
  const runtime = await startRuntime({ keepLines: true, captureAs: 'kms', taskRoot: join(FIXTURES, 'kms'), functionName: FUNCTION, timeoutSeconds: 20, env: { ...kms.clientEnv(), ...env } });
  const tally: Record<string, number> = {};
  const results: InvokeResult[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const result = await runtime.emulator.invoke({ fail: index % 3 === 2 });
      invocations++;
      results.push(result);
      runtime.capture.result(result);
      const failedOnPurpose = result.status === 'error' && result.error?.errorMessage.startsWith('request failed with credentials');
      const outcome = result.status === 'success' || failedOnPurpose ? 'ok' : result.error?.errorType === 'KmsDecryptionError' && /SECRET_[AB]/.test(result.error.errorMessage) ? 'decrypt-failure' : `other: ${result.status} ${result.error?.errorType ?? ''}`;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      const wanted = expectOutcome(result, index);
      if (outcome.startsWith('other') || (wanted !== 'any' && wanted !== outcome)) unexpected.push(`${label} #${index}: ${outcome} (expected ${wanted}) ${result.payload.toString().slice(0, 300)}`);
    }
  } finally {
    await runtime.close();
  }
  const output = everything(results, runtime.lines.map(({ line }) => line));
  redactedLines += output.filter((text) => text.includes('connecting with [redacted]')).length;
  scan(label, output);
  rows.push([`${label}: outcomes`, Object.entries(tally).map(([key, value]) => `${key} ${value}`).join(', ')]);
  return tally;
}

describe('KMS failures', () => {
  it(`throttling storms: ${STORM_ROUNDS} environments, each throttled at init, then recovered`, async () => {
    let recovered = 0;
    for (let round = 0; round < STORM_ROUNDS; round++) {
      const env = { SECRET_A: await kms.encrypt(keyId, PLAIN_A, { LambdaFunctionName: FUNCTION }), SECRET_B: await kms.encrypt(keyId, PLAIN_B) };
      // A storm longer than the retries of the first invocation (2 variables × 3 attempts), over after it.
      kms.faults.throttle(6 + round);
      const tally = await scenario(`throttling storm ${round + 1}`, env, 4, (_, index) => (index === 0 ? 'decrypt-failure' : 'any'));
      kms.faults.clear();
      if ((tally.ok ?? 0) > 0) recovered++;
    }
    rows.push(['throttling storms recovered from', `${recovered} of ${STORM_ROUNDS}`]);
    expect(recovered).toBe(STORM_ROUNDS);
  }, 300_000);

  it('5xx storms, short throttling and slow answers are retried within the first invocation', async () => {
    const env = { SECRET_A: await kms.encrypt(keyId, PLAIN_A), SECRET_B: await kms.encrypt(keyId, PLAIN_B) };
    kms.faults.fail(2, 503);
    await scenario('two 503s', env, 3, () => 'ok');
    kms.faults.throttle(2);
    await scenario('two throttles', env, 3, () => 'ok');
    kms.faults.latency(200);
    await scenario('200 ms answers', env, 3, () => 'ok');
    kms.faults.clear();
    kms.faults.expireSignatures(1);
    await scenario('a signature expired (signed before a freeze)', env, 3, () => 'ok');
    kms.faults.clear();
    expect(unexpected).toEqual([]);
  }, 120_000);

  it('wrong keys: disabled, another key than expected, another function, garbage', async () => {
    const good = await kms.encrypt(keyId, PLAIN_B);
    const { keyId: disabledKey } = await kms.createKey();
    const disabled = await kms.encrypt(disabledKey, PLAIN_A);
    await kms.disableKey(disabledKey);
    await scenario('disabled key', { SECRET_A: disabled, SECRET_B: good }, 3, () => 'decrypt-failure');
    await scenario('encrypted with another key than keyId', { SECRET_A: await kms.encrypt(otherKeyId, PLAIN_A), SECRET_B: good, EXPECT_KEY_ID: keyId }, 3, () => 'decrypt-failure');
    await scenario('another function\'s encryption context', { SECRET_A: await kms.encrypt(keyId, PLAIN_A, { LambdaFunctionName: 'someone-else' }), SECRET_B: good, KMS_CONTEXT: 'function-name' }, 3, () => 'decrypt-failure');
    await scenario('garbage and truncated ciphertexts', { SECRET_A: 'bm90IGEgY2lwaGVydGV4dA==', SECRET_B: good.slice(0, 40) }, 3, () => 'decrypt-failure');
    await scenario('not base64', { SECRET_A: '%%% not base64 %%%', SECRET_B: good }, 2, () => 'decrypt-failure');
    expect(unexpected).toEqual([]);
  }, 120_000);

  it('the endpoint down: a clear failure on every invocation', async () => {
    const down = await startKms();
    const env = { SECRET_A: await kms.encrypt(keyId, PLAIN_A), SECRET_B: await kms.encrypt(keyId, PLAIN_B) };
    const endpoint = down.endpoint;
    await down.close();
    await scenario('endpoint down (connection refused)', { ...env, AWS_ENDPOINT_URL_KMS: endpoint }, 3, () => 'decrypt-failure');
    expect(unexpected).toEqual([]);
    expect(leaks).toEqual([]);
    expect(redactedLines).toBeGreaterThan(0);
  }, 120_000);
});
