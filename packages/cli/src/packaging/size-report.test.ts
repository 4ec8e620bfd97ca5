import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { OWN_CODE, packageOf, sizeReport } from './size-report.js';

const input = (bytesInOutput: number) => ({ bytesInOutput });
const metafile: Metafile = {
  inputs: {},
  outputs: {
    'dist/lambda/index.mjs.map': { bytes: 99_999, inputs: {}, imports: [], exports: [] },
    'dist/lambda/index.mjs': {
      bytes: 10_000,
      imports: [],
      exports: ['handler'],
      inputs: {
        'src/index.ts': input(1_000),
        'src/lib/db.ts': input(500),
        'node_modules/.pnpm/@aws-sdk+client-s3@3.1.0/node_modules/@aws-sdk/client-s3/dist-es/index.js': input(3_000),
        'node_modules/.pnpm/@smithy+core@3.0.0/node_modules/@smithy/core/dist-es/a.js': input(1_500),
        'node_modules/.pnpm/@smithy+core@3.0.0/node_modules/@smithy/core/dist-es/b.js': input(1_000),
        'node_modules/uuid/dist/esm/v4.js': input(2_000),
        'node_modules/a/node_modules/b/index.js': input(800),
      },
    },
  },
};

describe('sizeReport', () => {
  it('groups bytes by package, largest first, with their share of the bundle', () => {
    const report = sizeReport(metafile, 'dist/lambda/index.mjs');
    expect(report.outputBytes).toBe(10_000);
    expect(report.contributors.map((c) => [c.name, c.bytes])).toEqual([
      ['@aws-sdk/client-s3', 3_000],
      ['@smithy/core', 2_500],
      ['uuid', 2_000],
      [OWN_CODE, 1_500],
      ['b', 800],
    ]);
    expect(report.contributors[0]!.share).toBeCloseTo(0.3);
  });

  it('sums what a managed runtime already ships', () => {
    const report = sizeReport(metafile, 'dist/lambda/index.mjs');
    expect(report.awsSdkBytes).toBe(5_500);
    expect(report.awsSdkPackages).toEqual(['@aws-sdk/client-s3', '@smithy/core']);
  });

  it('keeps only the top N and finds the bundle when the key differs (not the map)', () => {
    const report = sizeReport(metafile, 'elsewhere/index.mjs', 2);
    expect(report.contributors).toHaveLength(2);
    expect(report.outputBytes).toBe(10_000);
  });

  it('names packages from pnpm, nested and scoped paths', () => {
    expect(packageOf('node_modules/.pnpm/x@1/node_modules/@scope/pkg/lib/a.js')).toBe('@scope/pkg');
    expect(packageOf('../../node_modules/lodash/lodash.js')).toBe('lodash');
    expect(packageOf('src/handler.ts')).toBe(OWN_CODE);
  });
});
