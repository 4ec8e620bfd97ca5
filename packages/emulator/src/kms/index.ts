/**
 * A local stand-in for AWS KMS, for tests, `thaw invoke --kms local` and `thaw encrypt`.
 *
 *   import { startKms } from '@thaw/emulator';
 *   const kms = await startKms();                      // { port?, host?, credentials?, region?, accountId? }
 *   const { keyId } = await kms.createKey({ alias: 'alias/app', decryptPolicy: {
 *     encryptionContextEquals: { LambdaFunctionName: 'my-fn' } } });   // policy optional
 *   const b64 = await kms.encrypt(keyId, 'secret', { LambdaFunctionName: 'my-fn' }); // context optional
 *   runtimeEnv = { ...env, ...kms.clientEnv() };       // AWS_ENDPOINT_URL_KMS, AWS_REGION, keys
 *   kms.faults.throttle(2); kms.faults.fail(1, 503); kms.faults.latency(20);
 *   kms.faults.expireSignatures(1); kms.faults.clear();
 *   kms.callCount('Decrypt'); kms.calls; kms.resetCalls();
 *   await kms.disableKey(keyId); await kms.enableKey(keyId);
 *   await kms.close();
 *
 * Over HTTP it speaks KMS JSON 1.1 (POST /, X-Amz-Target: TrentService.<Action>,
 * application/x-amz-json-1.1): Encrypt, Decrypt, GenerateDataKey, CreateKey, CreateAlias,
 * DescribeKey, DisableKey, EnableKey. Every request must carry a SigV4 signature made with
 * one of `credentials` (default: LOCAL_KMS_CREDENTIALS); errors are KMS's own shapes
 * (HTTP 400 {"__type","message"}, 5xx KMSInternalException). Ciphertext is AES-256-GCM with
 * the encryption context authenticated, in a blob format of our own that names the key.
 * The programmatic methods act directly on the key store and are not counted in `calls`.
 */
import { keyIdOf, open, seal, type EncryptionContext } from './ciphertext.js';
import { KmsServiceError } from './errors.js';
import { Faults, type KmsFaults } from './faults.js';
import { KeyStore, type CreateKeyOptions } from './keys.js';
import { KeyFileError, loadKeyFile, saveKeyFile } from './key-file.js';
import { operations } from './operations.js';
import { listen, type KmsCall } from './server.js';
import type { KmsCredentials } from './sigv4.js';

export type { EncryptionContext, KmsCall, KmsCredentials, KmsFaults, CreateKeyOptions };
export { KmsServiceError, KeyFileError };

/** Well-known, obviously fake credentials: the stand-in never sees real ones unless told to. */
export const LOCAL_KMS_CREDENTIALS: Readonly<KmsCredentials> = {
  accessKeyId: 'AKIDTHAWLOCALKMS0000',
  secretAccessKey: 'thaw-local-kms-not-a-real-secret',
};

/** Options of `startKms`; every one has a default. */
export interface StartKmsOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback unless you really mean otherwise. */
  host?: string;
  /** The credentials whose signatures are accepted. */
  credentials?: KmsCredentials | KmsCredentials[];
  /** The region in key ARNs and `clientEnv()`; default `us-east-1`. */
  region?: string;
  /** The account in key ARNs; default `111122223333`. */
  accountId?: string;
  /**
   * Keep the keys in this file (owner-only), so ciphertext survives the process: used by
   * `thaw encrypt --kms local` and `thaw invoke --kms local`. In memory only when omitted.
   */
  keyFile?: string;
}

/** A key of the stand-in, as `createKey` and `ensureKey` return it. */
export interface KmsKey {
  /** The key id (a UUID), accepted wherever KMS takes a KeyId. */
  keyId: string;
  /** The key's ARN in the stand-in's region and account. */
  arn: string;
}

/** A running KMS stand-in, from `startKms`. */
export interface LocalKms {
  /** e.g. "http://127.0.0.1:41234": give it to the SDK as `endpoint` or AWS_ENDPOINT_URL_KMS. */
  readonly endpoint: string;
  /** The region of its keys, also given to clients by `clientEnv()`. */
  readonly region: string;
  /** The first accepted credentials, for signing clients (a fresh copy: the SDK annotates it). */
  readonly credentials: KmsCredentials;
  /** Creates a key (optionally with an alias and a Decrypt policy). */
  createKey(options?: CreateKeyOptions): Promise<KmsKey>;
  /** The key behind an alias, created on first use (for the CLI's local mode). */
  ensureKey(alias: string): Promise<KmsKey>;
  /** Encrypts `plaintext` with a key (id, ARN or alias) and an optional encryption context; resolves with base64 ciphertext, as the KMS console gives it. */
  encrypt(keyRef: string, plaintext: string | Buffer, context?: EncryptionContext): Promise<string>;
  /** Decrypts base64 ciphertext; the encryption context must match the one used to encrypt. Rejects with `KmsServiceError` when it cannot. */
  decrypt(ciphertextBase64: string, context?: EncryptionContext): Promise<Buffer>;
  /** Disables a key: Decrypt and Encrypt with it fail with `DisabledException` until it is enabled again. */
  disableKey(keyRef: string): Promise<void>;
  /** Enables a disabled key. */
  enableKey(keyRef: string): Promise<void>;
  /** Environment for a function or CLI that should talk to this stand-in. */
  clientEnv(): Record<string, string>;
  /** Fault injection: throttling, 5xx failures, expired signatures, latency. */
  readonly faults: KmsFaults;
  /** Every HTTP call answered, in order. */
  readonly calls: readonly KmsCall[];
  /** How many HTTP calls were answered, of one operation (e.g. 'Decrypt') or of all. */
  callCount(operation?: string): number;
  /** Forgets the recorded calls. */
  resetCalls(): void;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/** Starts a local stand-in for AWS KMS on 127.0.0.1 (a free port by default) that the AWS SDK talks to unchanged; see `LocalKms`. */
export async function startKms(options: StartKmsOptions = {}): Promise<LocalKms> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accepted = [options.credentials ?? LOCAL_KMS_CREDENTIALS].flat().map((c) => ({ ...c }));
  if (accepted.length === 0) throw new TypeError('startKms: credentials must name at least one access key');
  const store = new KeyStore(region, options.accountId ?? '111122223333');
  const keyFile = options.keyFile;
  if (keyFile !== undefined) {
    loadKeyFile(keyFile, store);
    store.onChange = () => saveKeyFile(keyFile, store);
  }
  const faults = new Faults();
  const calls: KmsCall[] = [];
  const { server, port } = await listen(
    { operations: operations(store), credentials: new Map(accepted.map((c) => [c.accessKeyId, c])), faults, calls },
    host,
    options.port ?? 0,
  );
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const first = accepted[0]!;

  return {
    endpoint,
    region,
    get credentials() {
      return { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey };
    },
    async createKey(keyOptions) {
      const key = store.create(keyOptions);
      return { keyId: key.id, arn: key.arn };
    },
    async ensureKey(alias) {
      let key;
      try {
        key = store.resolve(alias);
      } catch {
        key = store.create({ alias, description: `created by thaw for ${alias}` });
      }
      return { keyId: key.id, arn: key.arn };
    },
    async encrypt(keyRef, plaintext, context) {
      const key = store.usable(keyRef);
      return seal(key.id, key.material, Buffer.from(plaintext), context).toString('base64');
    },
    async decrypt(ciphertextBase64, context) {
      const blob = Buffer.from(ciphertextBase64, 'base64');
      const out = keyIdOf(blob);
      const plaintext = out === undefined ? undefined : open(blob, store.usable(out).material, context);
      if (!plaintext) throw new KmsServiceError('InvalidCiphertextException', '');
      return plaintext;
    },
    async disableKey(keyRef) {
      store.setEnabled(keyRef, false);
    },
    async enableKey(keyRef) {
      store.setEnabled(keyRef, true);
    },
    clientEnv() {
      return {
        AWS_ENDPOINT_URL_KMS: endpoint,
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: first.accessKeyId,
        AWS_SECRET_ACCESS_KEY: first.secretAccessKey,
      };
    },
    faults: {
      throttle: (n) => faults.throttle(n),
      fail: (n, status) => faults.fail(n, status),
      expireSignatures: (n) => faults.expireSignatures(n),
      latency: (ms) => faults.latency(ms),
      clear: () => faults.clear(),
    },
    calls,
    callCount(operation) {
      return operation === undefined ? calls.length : calls.filter((c) => c.operation === operation).length;
    },
    resetCalls() {
      calls.length = 0;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
