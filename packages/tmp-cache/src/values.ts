import { TmpCacheOptionsError } from './errors.js';
import type { EntryKind } from './names.js';

/** A JSON value, as stored and returned for JSON entries. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** What set() accepts: bytes, text, or anything JSON.stringify turns into JSON. */
export type CacheValue = Buffer | Uint8Array | string | JsonValue | object;

export function encodeValue(value: unknown): { kind: EntryKind; data: Uint8Array } {
  if (Buffer.isBuffer(value)) return { kind: 'b', data: value };
  if (value instanceof Uint8Array) return { kind: 'b', data: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
  if (typeof value === 'string') return { kind: 's', data: Buffer.from(value, 'utf8') };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TmpCacheOptionsError(`The value cannot be stored: JSON.stringify failed (${(error as Error).message}). Store a Buffer, a string or JSON-serializable data.`);
  }
  if (json === undefined) {
    throw new TmpCacheOptionsError(`A value of type ${typeof value} cannot be stored. Store a Buffer, a string or JSON-serializable data (not undefined or a function).`);
  }
  return { kind: 'j', data: Buffer.from(json, 'utf8') };
}

/** Decodes stored bytes into the type they were set as; undefined if JSON no longer parses. */
export function decodeValue(kind: EntryKind | 'd', data: Buffer): { value: unknown } | undefined {
  if (kind === 's') return { value: data.toString('utf8') };
  if (kind === 'j') {
    try {
      return { value: JSON.parse(data.toString('utf8')) };
    } catch {
      return undefined;
    }
  }
  return { value: data };
}

export function kindLabel(kind: EntryKind | 'd'): 'buffer' | 'string' | 'json' | 'file' {
  return kind === 's' ? 'string' : kind === 'j' ? 'json' : kind === 'f' ? 'file' : 'buffer';
}
