import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The stand-in's ciphertext blob. KMS blobs are opaque to callers but carry the key id, so
 * Decrypt needs no KeyId; ours does the same with a layout of our own:
 *
 *   "TKMS" | version (1 byte) | key id length (1 byte) | key id (utf-8) | iv (12) | tag (16) | data
 *
 * AES-256-GCM authenticates the header and the canonical encryption context as additional
 * data, so a blob decrypted with a different context (or a tampered header) fails the tag
 * check exactly where real KMS answers InvalidCiphertextException.
 */
const MAGIC = Buffer.from('TKMS');
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A KMS encryption context: string pairs bound to a ciphertext, which must be given again, identical, to decrypt it. */
export type EncryptionContext = Record<string, string>;

/** Key order must not matter (it does not in KMS), so the context is serialized sorted. */
function canonicalContext(context: EncryptionContext | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries));
}

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id]);
}

export function seal(keyId: string, material: Buffer, plaintext: Buffer, context?: EncryptionContext): Buffer {
  const head = header(keyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, cipher.getAuthTag(), data]);
}

/** Reads the key id out of a blob without decrypting; undefined when it is not one of ours. */
export function keyIdOf(blob: Buffer): string | undefined {
  if (blob.length < MAGIC.length + 2 || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (blob[MAGIC.length] !== VERSION) return undefined;
  const idLength = blob[MAGIC.length + 1] ?? 0;
  const idEnd = MAGIC.length + 2 + idLength;
  if (blob.length < idEnd + IV_BYTES + TAG_BYTES) return undefined;
  return blob.subarray(MAGIC.length + 2, idEnd).toString('utf8');
}

/** Returns undefined on any authentication failure: callers map that to InvalidCiphertextException. */
export function open(blob: Buffer, material: Buffer, context?: EncryptionContext): Buffer | undefined {
  const keyId = keyIdOf(blob);
  if (keyId === undefined) return undefined;
  const head = header(keyId);
  const iv = blob.subarray(head.length, head.length + IV_BYTES);
  const tag = blob.subarray(head.length + IV_BYTES, head.length + IV_BYTES + TAG_BYTES);
  const data = blob.subarray(head.length + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}
