import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
} from '@aws-sdk/client-kms';
import { startKms, type LocalKms } from '@thaw/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, sdkClient } from './helpers.js';

let kms: LocalKms;
let keyId: string;

beforeAll(async () => {
  kms = await startKms();
  ({ keyId } = await kms.createKey({ description: 'tests' }));
});
afterAll(() => kms.close());
beforeEach(() => kms.faults.clear());

describe('KMS stand-in through the real @aws-sdk/client-kms', () => {
  it('binds 127.0.0.1 on a free port', () => {
    expect(kms.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(kms.endpoint).not.toMatch(/:0$/);
  });

  it('encrypts and decrypts with and without an encryption context (key order irrelevant)', async () => {
    const client = sdkClient(kms);
    const withContext = await client.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p@ss'), EncryptionContext: { a: '1', b: '2' } }),
    );
    const out = await client.send(new DecryptCommand({ CiphertextBlob: withContext.CiphertextBlob, EncryptionContext: { b: '2', a: '1' } }));
    expect(Buffer.from(out.Plaintext!).toString()).toBe('p@ss');
    expect(out.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    expect(out.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');

    const plain = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('no-ctx') }));
    const back = await client.send(new DecryptCommand({ CiphertextBlob: plain.CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('no-ctx');
  });

  it('answers InvalidCiphertextException for a wrong or missing context, and for foreign blobs', async () => {
    const client = sdkClient(kms);
    const blob = Buffer.from(await kms.encrypt(keyId, 'x', { LambdaFunctionName: 'fn' }), 'base64');
    for (const EncryptionContext of [undefined, { LambdaFunctionName: 'other' }, { LambdaFunctionName: 'fn', extra: 'y' }]) {
      const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext })));
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const foreign = await failure(client.send(new DecryptCommand({ CiphertextBlob: Buffer.from('not a kms blob at all') })));
    expect(foreign.name).toBe('InvalidCiphertextException');
  });

  it('creates, describes, disables and enables keys; a disabled key answers DisabledException', async () => {
    const client = sdkClient(kms);
    const created = await client.send(new CreateKeyCommand({ Description: 'made over HTTP' }));
    const id = created.KeyMetadata!.KeyId!;
    const blob = Buffer.from(await kms.encrypt(id, 'value'), 'base64');
    expect((await client.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata).toMatchObject({
      Description: 'made over HTTP',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    await client.send(new DisableKeyCommand({ KeyId: id }));
    expect((await client.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.KeyState).toBe('Disabled');
    const disabled = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob })));
    expect(disabled.name).toBe('DisabledException');
    expect(disabled.message).toContain(id);
    await client.send(new EnableKeyCommand({ KeyId: id }));
    expect(Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString()).toBe('value');
  });

  it('generates data keys whose ciphertext decrypts to the returned plaintext', async () => {
    const client = sdkClient(kms);
    const dataKey = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect(dataKey.Plaintext).toHaveLength(32);
    const again = await client.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(Buffer.from(again.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
  });

  it('resolves aliases and answers NotFoundException and IncorrectKeyException as KMS does', async () => {
    const client = sdkClient(kms);
    const aliased = await kms.createKey({ alias: 'alias/app' });
    const blob = Buffer.from(await kms.encrypt('alias/app', 'via alias'), 'base64');
    const out = await client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app' }));
    expect(out.KeyId).toBe(aliased.arn);
    const missing = await failure(client.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.name).toBe('NotFoundException');
    const incorrect = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: keyId })));
    expect(incorrect.name).toBe('IncorrectKeyException');
  });

  it('enforces a decrypt policy: caller and kms:EncryptionContext condition, else AccessDeniedException', async () => {
    const client = sdkClient(kms);
    const { keyId: guarded } = await kms.createKey({ decryptPolicy: { encryptionContextEquals: { LambdaFunctionName: 'fn' } } });
    const good = Buffer.from(await kms.encrypt(guarded, 'ok', { LambdaFunctionName: 'fn' }), 'base64');
    const noContext = Buffer.from(await kms.encrypt(guarded, 'no'), 'base64');
    expect(Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob: good, EncryptionContext: { LambdaFunctionName: 'fn' } }))).Plaintext!).toString()).toBe('ok');
    const denied = await failure(client.send(new DecryptCommand({ CiphertextBlob: noContext })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toMatch(/is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:/);

    const { keyId: other } = await kms.createKey({ decryptPolicy: { accessKeyIds: ['AKIDSOMEONEELSE'] } });
    const blob = Buffer.from(await kms.encrypt(other, 'x'), 'base64');
    expect((await failure(client.send(new DecryptCommand({ CiphertextBlob: blob })))).name).toBe('AccessDeniedException');
  });

  it('refuses a signature made with the wrong secret, an unknown access key and an unsigned request', async () => {
    const wrongSecret = sdkClient(kms, { credentials: { accessKeyId: kms.credentials.accessKeyId, secretAccessKey: 'wrong' } });
    const bad = await failure(wrongSecret.send(new DescribeKeyCommand({ KeyId: keyId })));
    expect(bad.name).toBe('InvalidSignatureException');
    expect(bad.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    const unknown = sdkClient(kms, { credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } });
    expect((await failure(unknown.send(new DescribeKeyCommand({ KeyId: keyId })))).name).toBe('UnrecognizedClientException');

    const raw = await fetch(kms.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.DescribeKey' },
      body: JSON.stringify({ KeyId: keyId }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await raw.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('injects throttling, 5xx and expired signatures for exactly the next N calls', async () => {
    const client = sdkClient(kms);
    const describe = () => client.send(new DescribeKeyCommand({ KeyId: keyId }));
    kms.faults.throttle(2);
    for (let i = 0; i < 2; i++) {
      const throttled = await failure(describe());
      expect(throttled.name).toBe('ThrottlingException');
      expect(throttled.$metadata?.httpStatusCode).toBe(400);
    }
    await describe();
    kms.faults.fail(1, 503);
    const internal = await failure(describe());
    expect(internal.name).toBe('KMSInternalException');
    expect(internal.$metadata?.httpStatusCode).toBe(503);
    await describe();
    kms.faults.expireSignatures(1);
    expect((await failure(describe())).message).toMatch(/^Signature expired/);
    await describe();
    expect(() => kms.faults.fail(1, 400)).toThrow(/must be 5xx/);
  });

  it('adds latency to every call until cleared and records each call', async () => {
    const client = sdkClient(kms);
    kms.resetCalls();
    kms.faults.latency(30);
    await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    kms.faults.latency(0);
    await failure(client.send(new DescribeKeyCommand({ KeyId: 'missing' })));
    expect(kms.calls).toEqual([
      { operation: 'DescribeKey', status: 200 },
      { operation: 'DescribeKey', status: 400, errorType: 'NotFoundException' },
    ]);
    expect(kms.callCount('DescribeKey')).toBe(2);
    expect(kms.callCount('Decrypt')).toBe(0);
  });

  it('answers malformed input with KMS validation errors', async () => {
    const client = sdkClient(kms);
    const error = await failure(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(5000) })));
    expect(error.name).toBe('ValidationException');
  });
});
