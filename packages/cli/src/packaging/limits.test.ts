import { describe, expect, it } from 'vitest';
import { LambdaLimitError } from './errors.js';
import { checkLimits, UNZIPPED_TOTAL_LIMIT, ZIPPED_DIRECT_UPLOAD_LIMIT } from './limits.js';

const MiB = 1024 * 1024;

describe('checkLimits', () => {
  it('accepts sizes up to the limits exactly and reports the headroom', () => {
    expect(checkLimits({ what: 'layer', zippedBytes: ZIPPED_DIRECT_UPLOAD_LIMIT, unzippedBytes: UNZIPPED_TOTAL_LIMIT })).toEqual({
      zippedBytes: 50 * MiB,
      unzippedBytes: 250 * MiB,
      unzippedRemaining: 0,
    });
    expect(checkLimits({ what: 'layer', unzippedBytes: 100 * MiB }).unzippedRemaining).toBe(150 * MiB);
  });

  it('refuses one byte over 250 MB unzipped, naming the limit and what to do', () => {
    const attempt = () => checkLimits({ what: 'function zip', unzippedBytes: UNZIPPED_TOTAL_LIMIT + 1 });
    expect(attempt).toThrow(LambdaLimitError);
    expect(attempt).toThrow(/function zip is 250\.0 MB unzipped, over Lambda's 250\.0 MB limit \(function and all its layers together\): leave out/);
    try {
      attempt();
    } catch (error) {
      expect((error as LambdaLimitError).limit).toBe('unzipped-total');
    }
  });

  it('refuses one byte over 50 MB zipped for a direct upload, unless it goes through S3', () => {
    const input = { what: 'runtime layer', zippedBytes: ZIPPED_DIRECT_UPLOAD_LIMIT + 1, unzippedBytes: 120 * MiB };
    expect(() => checkLimits(input)).toThrow(/runtime layer is 50\.0 MB zipped, over Lambda's 50\.0 MB limit for a direct upload: upload it through S3 instead and pass --s3/);
    expect(checkLimits({ ...input, viaS3: true }).zippedBytes).toBe(ZIPPED_DIRECT_UPLOAD_LIMIT + 1);
  });

  it('checks the unzipped limit even through S3', () => {
    expect(() => checkLimits({ what: 'x', zippedBytes: 1, unzippedBytes: UNZIPPED_TOTAL_LIMIT + 1, viaS3: true })).toThrow(/250\.0 MB unzipped/);
  });
});
