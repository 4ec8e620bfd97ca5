import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-time.js';

// The whole range a Date can hold, and times bunched around minute and second boundaries.
const ANY_TIME = fc.integer({ min: -8.64e15, max: 8.64e15 });
const NEAR_NOW = fc.integer({ min: 1_700_000_000_000, max: 1_700_000_600_000 });

describe('isoTimestamp', () => {
  it('equals toISOString() for any time, in any order of calls', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(ANY_TIME, NEAR_NOW), { minLength: 1, maxLength: 50 }), (times) => {
        for (const time of times) expect(isoTimestamp(new Date(time))).toBe(new Date(time).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('equals toISOString() across minute, second and year boundaries', () => {
    const edges = [0, -1, 59_999, 60_000, 60_001, -60_000, -60_001, 999, 1000, 1_798_761_599_999, 1_798_761_600_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000];
    for (const time of edges) {
      expect(isoTimestamp(new Date(time))).toBe(new Date(time).toISOString());
      expect(isoTimestamp(new Date(time + 1))).toBe(new Date(time + 1).toISOString());
    }
  });

  it('rejects an invalid date as toISOString() does', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
