import { describe, expect, it } from 'vitest';
import { resolveOptions, checkFillOptions } from './options.js';

describe('options', () => {
  it('defaults to /tmp/thaw-cache with no byte bound and a 15 min lock staleness', () => {
    const options = resolveOptions();
    expect(options).toMatchObject({ root: '/tmp', name: 'thaw-cache', maxBytes: Infinity, lockStaleMs: 900_000, sha256: false });
  });

  it.each([
    [{ root: 'relative/dir' }, /root must be an absolute directory path/],
    [{ name: '../escape' }, /name must be 1-64 characters/],
    [{ name: '.hidden' }, /name must be/],
    [{ maxBytes: -1 }, /maxBytes must be a non-negative number/],
    [{ reserveBytes: Number.NaN }, /reserveBytes must be a non-negative number/],
    [{ defaultTtlMs: Infinity }, /defaultTtlMs must be a non-negative number/],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => resolveOptions(input as never)).toThrow(message);
    try {
      resolveOptions(input as never);
    } catch (error) {
      expect((error as Error).name).toBe('TmpCacheOptionsError');
    }
  });

  it('validates fill options', () => {
    expect(() => checkFillOptions({ expectedSha256: 'xyz' })).toThrow(/64 hex characters/);
    expect(() => checkFillOptions({ expectedSize: -5 })).toThrow(/expectedSize/);
    expect(() => checkFillOptions({ ttlMs: 1000, expectedSize: 10 })).not.toThrow();
  });
});
