import { describe, expect, it } from 'vitest';
import { explanationOf } from '../handler/explanation.js';
import { parseEvent } from './event.js';
import { serializeResult } from './result-body.js';

describe('serializeResult', () => {
  it('serializes results as JSON, undefined as null', () => {
    expect(serializeResult({ a: 1 }).toString()).toBe('{"a":1}');
    expect(serializeResult(undefined).toString()).toBe('null');
    expect(serializeResult('s').toString()).toBe('"s"');
    expect(serializeResult({ toJSON: () => undefined }).toString()).toBe('null');
  });

  it("refuses what has no JSON form with the official error, and explains why beside it", () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    for (const [value, reason] of [[circular, /circular/], [{ n: 1n }, /BigInt/], [() => 1, /function/], [Symbol('s'), /symbol/]] as const) {
      let caught: unknown;
      try {
        serializeResult(value);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Error);
      expect((caught as Error).name).toBe('Runtime.JSONStringifyError');
      expect((caught as Error).message).toBe('Unable to stringify response body');
      expect(explanationOf(caught)).toMatch(reason);
    }
  });
});

describe('parseEvent', () => {
  it('parses JSON, NUL bytes included', () => {
    expect(parseEvent(Buffer.from('{"s":"a\\u0000b"}'))).toEqual({ s: 'a\u0000b' });
  });

  // As the official client: JSON.parse of the body, whatever it is.
  it.each([['nope'], [''], ['\ufeff[1]']])('throws JSON.parse own SyntaxError for %j', (text) => {
    let expected: unknown;
    try {
      JSON.parse(text);
    } catch (error) {
      expected = error;
    }
    expect(() => parseEvent(Buffer.from(text))).toThrow(SyntaxError);
    expect(() => parseEvent(Buffer.from(text))).toThrow((expected as Error).message);
  });
});
