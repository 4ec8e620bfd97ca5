import * as crypto from 'node:crypto';
import { randomBytes } from 'node:crypto';

/**
 * File names carry every fact the index needs (key hash, generation, size, expiry, kind,
 * writer, digest), so reconciling at init is one readdir: no stat, no read per entry.
 *
 *   <id>.<gen>.<size>.<expires>.<flags>.<runtime>-<invocation>[.<sha256>]
 *
 * id = 8 hex of the namespace + 24 hex of sha256(namespace, key): safe characters only,
 * so a key can never traverse paths. Temp files start with ".tmp." and never parse.
 */
export type EntryKind = 'b' | 's' | 'j' | 'f';

export interface EntryName {
  id: string;
  gen: string;
  size: number;
  /** Epoch ms after which the entry is expired; 0 = never. */
  expiresAt: number;
  kind: EntryKind | 'd';
  pinned: boolean;
  executable: boolean;
  writerRuntime: string;
  writerInvocation: number;
  sha256: string | undefined;
}

export const GLOBAL_NAMESPACE = '00000000';
export const TEMP_PREFIX = '.tmp.';
const ID_PATTERN = /^[0-9a-f]{32}$/;
const GEN_PATTERN = /^[0-9a-z]{17}$/;
const SHA_PATTERN = /^[0-9a-f]{64}$/;

// crypto.hash (Node 20.12+) is a one-shot digest about twice as fast as createHash for
// short keys; keys are hashed on every call, so it matters for the hit path.
const oneShotHash = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
const sha256Hex: (input: string) => string = oneShotHash
  ? (input) => oneShotHash('sha256', input, 'hex')
  : (input) => crypto.createHash('sha256').update(input).digest('hex');

export function namespaceTag(namespace: string | undefined): string {
  return namespace === undefined ? GLOBAL_NAMESPACE : sha256Hex(`tenant\u0000${namespace}`).slice(0, 8);
}

export function entryId(nsTag: string, key: string): string {
  return nsTag + sha256Hex(`${nsTag}\u0000${key}`).slice(0, 24);
}

let genCounter = 0;
/** Sortable, unique generation: time (ms) first, so the newest write wins by string order. */
export function newGeneration(now = Date.now()): string {
  genCounter = (genCounter + 1) % 1_679_616;
  const random = randomBytes(3).readUIntBE(0, 3) % 1_679_616;
  return now.toString(36).padStart(9, '0') + genCounter.toString(36).padStart(4, '0') + random.toString(36).padStart(4, '0');
}

export function generationTime(gen: string): number {
  return parseInt(gen.slice(0, 9), 36);
}

export function formatEntryName(entry: EntryName): string {
  const flags = entry.kind + (entry.pinned ? 'p' : '') + (entry.executable ? 'x' : '');
  const base = `${entry.id}.${entry.gen}.${entry.size.toString(36)}.${entry.expiresAt.toString(36)}.${flags}.${entry.writerRuntime}-${entry.writerInvocation.toString(36)}`;
  return entry.sha256 ? `${base}.${entry.sha256}` : base;
}

export function parseEntryName(name: string): EntryName | undefined {
  const parts = name.split('.');
  if (parts.length !== 6 && parts.length !== 7) return undefined;
  const [id, gen, size36, exp36, flags, writer, sha] = parts as [string, string, string, string, string, string, string?];
  if (!ID_PATTERN.test(id) || !GEN_PATTERN.test(gen)) return undefined;
  if (sha !== undefined && !SHA_PATTERN.test(sha)) return undefined;
  const kind = flags[0];
  if (kind !== 'b' && kind !== 's' && kind !== 'j' && kind !== 'f' && kind !== 'd') return undefined;
  const dash = writer.indexOf('-');
  const size = parseInt(size36, 36);
  const expiresAt = parseInt(exp36, 36);
  const writerInvocation = parseInt(writer.slice(dash + 1), 36);
  if (dash < 1 || !Number.isSafeInteger(size) || !Number.isSafeInteger(expiresAt) || !Number.isSafeInteger(writerInvocation)) {
    return undefined;
  }
  return {
    id, gen, size, expiresAt, kind,
    pinned: flags.includes('p'),
    executable: flags.includes('x'),
    writerRuntime: writer.slice(0, dash),
    writerInvocation,
    sha256: sha,
  };
}

export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}
