// Keeps the stand-in's keys in a file, so a value encrypted by `thaw encrypt --kms local`
// can be decrypted by a later `thaw invoke --kms local`. The file holds key material:
// it is written owner-only (0600, directory 0700) and replaced atomically.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyStore, StoredKey } from './keys.js';

interface KeyFileEntry {
  id: string;
  arn: string;
  material: string;
  enabled: boolean;
  description: string;
  createdAt: string;
  aliases: string[];
}

/** The stand-in's key file (the `keyFile` option) cannot be read, parsed or written; the message names the file and the fix. */
export class KeyFileError extends Error {
  /** The stable name to match on: `error.name === 'KeyFileError'`. */
  override readonly name = 'KeyFileError';
}

/** Loads the keys of `path` into the store (a missing file is an empty store). */
export function loadKeyFile(path: string, store: KeyStore): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new KeyFileError(`cannot read the local KMS key file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  let entries: KeyFileEntry[];
  try {
    entries = (JSON.parse(text) as { keys: KeyFileEntry[] }).keys;
    if (!Array.isArray(entries)) throw new Error('no "keys" array');
  } catch (error) {
    throw new KeyFileError(`the local KMS key file ${path} is not valid (${(error as Error).message}): delete it to start with no keys`);
  }
  for (const e of entries) {
    const key: StoredKey = {
      id: e.id,
      arn: e.arn,
      material: Buffer.from(e.material, 'base64'),
      enabled: e.enabled,
      description: e.description,
      createdAt: new Date(e.createdAt),
    };
    store.restore(key, e.aliases);
  }
}

/** Writes every key of the store to `path`, readable by the owner only. */
export function saveKeyFile(path: string, store: KeyStore): void {
  const keys: KeyFileEntry[] = store.entries().map(({ key, aliases }) => ({
    id: key.id,
    arn: key.arn,
    material: key.material.toString('base64'),
    enabled: key.enabled,
    description: key.description,
    createdAt: key.createdAt.toISOString(),
    aliases,
  }));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
