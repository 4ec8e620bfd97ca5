import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/**
 * Where `--kms local` keeps its keys, so that `thaw encrypt` and a later `thaw invoke` share
 * them: --key-file, then THAW_LOCAL_KMS_FILE, then ~/.thaw/local-kms.json (owner-only).
 */
export function localKeyFile(option: string | undefined): string {
  return resolve(option ?? process.env.THAW_LOCAL_KMS_FILE ?? join(homedir(), '.thaw', 'local-kms.json'));
}

export type KmsMode = 'local' | 'aws';

export function kmsMode(raw: string | undefined, fallback: KmsMode | undefined): KmsMode | undefined {
  if (raw === undefined) return fallback;
  if (raw === 'local' || raw === 'aws') return raw;
  throw new UsageError(`--kms must be "local" (the thaw KMS stand-in) or "aws" (the real service), got "${raw}"`);
}
