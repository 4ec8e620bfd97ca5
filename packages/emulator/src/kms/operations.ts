import { randomBytes } from 'node:crypto';
import { keyIdOf, open, seal, type EncryptionContext } from './ciphertext.js';
import { kmsErrors } from './errors.js';
import type { KeyStore, StoredKey } from './keys.js';
import type { VerifiedCaller } from './sigv4.js';

/** One KMS action: a JSON request body in, a JSON answer out (or a thrown KmsServiceError). */
export type Operation = (input: Record<string, unknown>, caller: VerifiedCaller) => Record<string, unknown>;

const ALGORITHM = 'SYMMETRIC_DEFAULT';

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw kmsErrors.validation(`Value null at '${field[0]!.toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function blob(input: Record<string, unknown>, field: string, maxBytes: number): Buffer {
  const text = requiredString(input, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw kmsErrors.serialization();
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || bytes.length > maxBytes) {
    throw kmsErrors.validation(`Value at '${field}' failed to satisfy constraint: Member must have length between 1 and ${maxBytes}`);
  }
  return bytes;
}

function context(input: Record<string, unknown>): EncryptionContext | undefined {
  const value = input.EncryptionContext;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw kmsErrors.serialization();
  }
  return value as EncryptionContext;
}

function principal(store: KeyStore, caller: VerifiedCaller): string {
  return `arn:aws:sts::${store.accountId}:assumed-role/thaw-local/${caller.accessKeyId}`;
}

/** The key policy check of the stand-in: who may decrypt, and under which context. */
function authorizeDecrypt(store: KeyStore, key: StoredKey, caller: VerifiedCaller, ctx: EncryptionContext | undefined): void {
  const policy = key.decryptPolicy;
  if (!policy) return;
  const callerAllowed = !policy.accessKeyIds || policy.accessKeyIds.includes(caller.accessKeyId);
  const contextAllowed = Object.entries(policy.encryptionContextEquals ?? {}).every(([k, v]) => ctx?.[k] === v);
  if (!callerAllowed || !contextAllowed) throw kmsErrors.accessDenied(principal(store, caller), 'Decrypt', key.arn);
}

export function operations(store: KeyStore): Record<string, Operation> {
  return {
    CreateKey(input) {
      const description = typeof input.Description === 'string' ? input.Description : undefined;
      return { KeyMetadata: store.metadata(store.create(description === undefined ? {} : { description })) };
    },
    CreateAlias(input) {
      store.alias(requiredString(input, 'AliasName'), requiredString(input, 'TargetKeyId'));
      return {};
    },
    DescribeKey(input) {
      return { KeyMetadata: store.metadata(store.resolve(requiredString(input, 'KeyId'))) };
    },
    DisableKey(input) {
      store.setEnabled(requiredString(input, 'KeyId'), false);
      return {};
    },
    EnableKey(input) {
      store.setEnabled(requiredString(input, 'KeyId'), true);
      return {};
    },
    Encrypt(input) {
      const key = store.usable(requiredString(input, 'KeyId'));
      const plaintext = blob(input, 'Plaintext', 4096);
      return {
        CiphertextBlob: seal(key.id, key.material, plaintext, context(input)).toString('base64'),
        KeyId: key.arn,
        EncryptionAlgorithm: ALGORITHM,
      };
    },
    GenerateDataKey(input) {
      const key = store.usable(requiredString(input, 'KeyId'));
      const bytes = dataKeyLength(input);
      const plaintext = randomBytes(bytes);
      return {
        CiphertextBlob: seal(key.id, key.material, plaintext, context(input)).toString('base64'),
        Plaintext: plaintext.toString('base64'),
        KeyId: key.arn,
      };
    },
    Decrypt(input, caller) {
      const ciphertext = blob(input, 'CiphertextBlob', 6144);
      const ctx = context(input);
      const embeddedKeyId = keyIdOf(ciphertext);
      if (embeddedKeyId === undefined) throw kmsErrors.invalidCiphertext();
      if (typeof input.KeyId === 'string' && store.resolve(input.KeyId).id !== embeddedKeyId) {
        throw kmsErrors.incorrectKey();
      }
      const key = store.usable(embeddedKeyId);
      authorizeDecrypt(store, key, caller, ctx);
      const plaintext = open(ciphertext, key.material, ctx);
      if (!plaintext) throw kmsErrors.invalidCiphertext();
      return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: ALGORITHM };
    },
  };
}

function dataKeyLength(input: Record<string, unknown>): number {
  if (input.KeySpec === 'AES_256') return 32;
  if (input.KeySpec === 'AES_128') return 16;
  const n = input.NumberOfBytes;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1024) return n;
  throw kmsErrors.validation("Value at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128], or NumberOfBytes must be between 1 and 1024");
}
