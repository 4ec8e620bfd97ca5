import { describe, expect, it } from 'vitest';
import { parseEvent } from './event.js';
import { serializeResult } from './result-body.js';

describe('serializeResult', () => {
  it('serializes results as JSON, undefined as null', () => {
    expect(serializeResult({ a: 1 }).toString()).toBe('{"a":1}');
    expect(serializeResult(undefined).toString()).toBe('null');
    expect(serializeResult('s').toString()).toBe('"s"');
    expect(serializeResult({ toJSON: () => undefined }).toString()).toBe('null');
  });

  it('refuses what has no JSON form with Runtime.ResponseNotSerializable', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    for (const [value, text] of [[circular, /circular/], [{ n: 1n }, /BigInt/], [() => 1, /function/], [Symbol('s'), /symbol/]] as const) {
      expect(() => serializeResult(value)).toThrow(text);
      try {
        serializeResult(value);
      } catch (error) {
        expect((error as Error).name).toBe('Runtime.ResponseNotSerializable');
      }
    }
  });
});

describe('parseEvent', () => {
  it('parses JSON with NUL bytes, a BOM, and treats an empty body as {}', () => {
    expect(parseEvent(Buffer.from('{"s":"a\\u0000b"}'))).toEqual({ s: 'a\u0000b' });
    expect(parseEvent(Buffer.from('\ufeff[1]'))).toEqual([1]);
    expect(parseEvent(Buffer.alloc(0))).toEqual({});
  });

  it('reports an invalid event as Runtime.InvalidEventPayload', () => {
    expect(() => parseEvent(Buffer.from('nope'))).toThrow(/not valid JSON.*4 bytes/);
  });
});
