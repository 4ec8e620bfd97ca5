import { describe, expect, it } from 'vitest';
import { splitConcurrency } from './split.js';

describe('splitConcurrency', () => {
  it('shares the limit evenly, the first workers taking the remainder, and never more /next than the limit', () => {
    expect(splitConcurrency(8, 2)).toEqual([4, 4]);
    expect(splitConcurrency(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitConcurrency(64, 3)).toEqual([22, 21, 21]);
    for (const [c, w] of [[1, 1], [7, 3], [100, 16], [3, 8]] as const) {
      expect(splitConcurrency(c, w).reduce((a, b) => a + b, 0)).toBe(c);
    }
  });

  it('starts no worker that would have no loop', () => {
    expect(splitConcurrency(3, 8)).toEqual([1, 1, 1]);
  });

  it('refuses numbers that cannot be a split', () => {
    expect(() => splitConcurrency(0, 2)).toThrow(/whole numbers of at least 1; got concurrency 0 and workers 2/);
    expect(() => splitConcurrency(4, 1.5)).toThrow(RangeError);
  });
});
