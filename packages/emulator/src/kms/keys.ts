import { randomBytes, randomUUID } from 'node:crypto';
import { kmsErrors } from './errors.js';
import type { EncryptionContext } from './ciphertext.js';

/**
 * Who may call Decrypt on a key. Models the least-privilege policy the docs recommend:
 * kms:Decrypt for the function's role only, with the condition
 * kms:EncryptionContext:LambdaFunctionName equal to the function name.
 */
export interface DecryptPolicy {
  /** Access key ids allowed to decrypt; all known credentials when omitted. */
  accessKeyIds?: string[];
  /** Every pair must be present in the request's encryption context. */
  encryptionContextEquals?: EncryptionContext;
}

/** Options of `LocalKms.createKey`. */
export interface CreateKeyOptions {
  /** A free-text description, as KMS keeps one. */
  description?: string;
  /** An alias such as 'alias/my-app'; the key is then addressable by it. */
  alias?: string;
  /** Who may decrypt with the key; anyone holding accepted credentials when omitted. */
  decryptPolicy?: DecryptPolicy;
}

export interface StoredKey {
  id: string;
  arn: string;
  material: Buffer;
  enabled: boolean;
  description: string;
  createdAt: Date;
  decryptPolicy?: DecryptPolicy;
}

/** The keys of one stand-in: ids, ARNs and aliases all resolve to the same record. */
export class KeyStore {
  readonly #keys = new Map<string, StoredKey>();
  readonly #aliases = new Map<string, string>();

  /** Called after every change, e.g. to save the keys to a key file. */
  onChange: (() => void) | undefined;

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  /** Every key with its aliases, for saving to a key file. */
  entries(): Array<{ key: StoredKey; aliases: string[] }> {
    return [...this.#keys.values()].map((key) => ({
      key,
      aliases: [...this.#aliases].filter(([, id]) => id === key.id).map(([alias]) => alias),
    }));
  }

  /** Puts back a key read from a key file, without announcing a change. */
  restore(key: StoredKey, aliases: string[]): void {
    this.#keys.set(key.id, key);
    for (const alias of aliases) this.#aliases.set(alias, key.id);
  }

  setEnabled(keyRef: string, enabled: boolean): void {
    this.resolve(keyRef).enabled = enabled;
    this.onChange?.();
  }

  create(options: CreateKeyOptions = {}): StoredKey {
    const id = randomUUID();
    const key: StoredKey = {
      id,
      arn: `arn:aws:kms:${this.region}:${this.accountId}:key/${id}`,
      material: randomBytes(32),
      enabled: true,
      description: options.description ?? '',
      createdAt: new Date(),
      ...(options.decryptPolicy ? { decryptPolicy: options.decryptPolicy } : {}),
    };
    this.#keys.set(id, key);
    if (options.alias !== undefined) this.alias(options.alias, id);
    this.onChange?.();
    return key;
  }

  alias(aliasName: string, keyRef: string): void {
    if (!aliasName.startsWith('alias/') || aliasName.startsWith('alias/aws/')) {
      throw kmsErrors.validation(`Value '${aliasName}' at 'aliasName' failed to satisfy constraint: must start with 'alias/' and not 'alias/aws/'`);
    }
    this.#aliases.set(aliasName, this.resolve(keyRef).id);
    this.onChange?.();
  }

  /** Accepts a key id, a key ARN, an alias name or an alias ARN, as KMS does. */
  resolve(keyRef: string): StoredKey {
    let ref = keyRef;
    const arnPrefix = `arn:aws:kms:${this.region}:${this.accountId}:`;
    if (ref.startsWith(arnPrefix)) ref = ref.slice(arnPrefix.length);
    if (ref.startsWith('key/')) ref = ref.slice('key/'.length);
    if (ref.startsWith('alias/')) ref = this.#aliases.get(ref) ?? ref;
    const key = this.#keys.get(ref);
    if (!key) throw kmsErrors.notFound(keyRef.startsWith('arn:') ? keyRef : `${arnPrefix}${keyRef.startsWith('alias/') ? keyRef : `key/${keyRef}`}`);
    return key;
  }

  usable(keyRef: string): StoredKey {
    const key = this.resolve(keyRef);
    if (!key.enabled) throw kmsErrors.disabled(key.arn);
    return key;
  }

  metadata(key: StoredKey): Record<string, unknown> {
    return {
      AWSAccountId: this.accountId,
      KeyId: key.id,
      Arn: key.arn,
      CreationDate: key.createdAt.getTime() / 1000,
      Enabled: key.enabled,
      Description: key.description,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: key.enabled ? 'Enabled' : 'Disabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    };
  }
}
