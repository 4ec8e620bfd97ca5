// The fast path must write exactly the EMF line Powertools writes. Each case runs the same
// calls on a plain Powertools Metrics (publishStoredMetrics) and on one with the fast path
// (the middleware's flush and publishStoredMetrics), with the clock frozen, byte for byte.
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkEmfLine } from './emf-validator.js';
import { flushMetrics } from './emf-writer.js';
import { installMetricsFastPath } from './fast-metrics.js';

type Options = ConstructorParameters<typeof Metrics>[0];

function capture(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const collect = (chunk: unknown) => (lines.push(String(chunk)), true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  return { lines, restore: () => (out.mockRestore(), err.mockRestore()) };
}

function outputOf(metrics: Metrics, act: (m: Metrics) => void, flush: (m: Metrics) => void): string[] {
  const output = capture();
  try {
    act(metrics);
    flush(metrics);
  } finally {
    output.restore();
  }
  return output.lines;
}

/** Reference (Powertools publishing), fast flush, fast publishStoredMetrics. */
function compare(options: Options, act: (m: Metrics) => void): { reference: string[]; flushed: string[]; published: string[] } {
  const fast = (): Metrics => {
    const metrics = new Metrics(options);
    expect(installMetricsFastPath(metrics)).toBeUndefined();
    return metrics;
  };
  return {
    reference: outputOf(new Metrics(options), act, (m) => m.publishStoredMetrics()),
    flushed: outputOf(fast(), act, (m) => flushMetrics(m)),
    published: outputOf(fast(), act, (m) => m.publishStoredMetrics()),
  };
}

/**
 * One invocation after another (each flushed, each a millisecond later) on a Powertools
 * Metrics and on a fast one: the same lines, one per invocation.
 */
function expectSameSequence(settings: Options, invocations: Array<(m: Metrics) => void>): void {
  const run = (metrics: Metrics, flush: (m: Metrics) => void): string[] =>
    invocations.flatMap((act, i) => {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 28, 10, 11, 12, i)));
      return outputOf(metrics, act, flush);
    });
  const fast = new Metrics(settings);
  expect(installMetricsFastPath(fast)).toBeUndefined();
  const reference = run(new Metrics(settings), (m) => m.publishStoredMetrics());
  expect(reference).toHaveLength(invocations.length);
  expect(run(fast, (m) => flushMetrics(m))).toEqual(reference);
}

const savedEnv = { ...process.env };
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-28T10:11:12.345Z'));
  delete process.env.POWERTOOLS_DEV;
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});
afterEach(() => {
  vi.useRealTimers();
  process.env = { ...savedEnv };
});

const options: Options = { namespace: 'Shop', serviceName: 'orders' };

describe('metrics fast path: the same EMF line as Powertools', () => {
  const cases: Array<[string, Options, (m: Metrics) => void]> = [
    ['one metric', options, (m) => m.addMetric('OrdersPlaced', 'Count', 1)],
    ['several metrics, repeated values, high resolution', options, (m) => {
      m.addMetric('Latency', 'Milliseconds', 12.5, 1);
      m.addMetric('Latency', 'Milliseconds', 7, 1);
      m.addMetric('Bytes', 'Bytes', 2048);
      m.addMetric('42', 'None', 1);
    }],
    ['default dimensions', { ...options, defaultDimensions: { stage: 'prod', region: 'eu' } }, (m) => m.addMetric('A', 'Count', 1)],
    ['dimensions, a dimension set and metadata added in the invocation', options, (m) => {
      m.addDimension('payment', 'card');
      m.addDimensions({ channel: 'web', country: 'DE' });
      m.addMetadata('orderId', 'o-1');
      m.addMetric('A', 'Count', 3);
    }],
    ['an explicit timestamp', options, (m) => {
      m.setTimestamp(new Date('2026-11-28T09:00:00.000Z'));
      m.addMetric('A', 'Count', 1);
    }],
    ['default dimensions set later', options, (m) => {
      m.setDefaultDimensions({ tier: 'gold' });
      m.addMetric('A', 'Count', 1);
    }],
  ];
  for (const [name, settings, act] of cases) {
    it(name, () => {
      const { reference, flushed, published } = compare(settings, act);
      expect(reference).toHaveLength(1);
      expect(flushed).toEqual(reference);
      expect(published).toEqual(reference);
      expect(checkEmfLine(flushed[0]!.trimEnd()).problems).toEqual([]);
    });
  }

  it('the 100-metric and 100-value automatic flushes write the same lines', () => {
    const act = (m: Metrics) => {
      for (let i = 0; i < 130; i++) m.addMetric(`M${i}`, 'Count', i);
      for (let i = 0; i < 150; i++) m.addMetric('Repeated', 'Count', i);
    };
    const { reference, flushed } = compare(options, act);
    expect(reference.length).toBeGreaterThanOrEqual(3);
    expect(flushed).toEqual(reference);
    for (const line of flushed) expect(checkEmfLine(line.trimEnd()).problems).toEqual([]);
  });

  it('the state is cleared after a flush: the next invocation starts empty, dimensions gone', () => {
    const act = (m: Metrics) => {
      m.addDimension('payment', 'card');
      m.addMetric('A', 'Count', 1);
      m.publishStoredMetrics();
      m.addMetric('B', 'Count', 2);
    };
    const { reference, flushed } = compare(options, act);
    expect(reference).toHaveLength(2);
    expect(flushed).toEqual(reference);
    expect(JSON.parse(flushed[1]!)).not.toHaveProperty('payment');
  });

  it('flush after flush, as the metrics and dimensions change, the same lines as Powertools (the kept text, emf-text.ts)', () => {
    // One invocation after another; the fast path reuses the line's text between flushes of
    // the same metrics, and must notice every change that makes the text different.
    const invocations: Array<(m: Metrics) => void> = [
      (m) => m.addMetric('Orders', 'Count', 1),
      (m) => m.addMetric('Orders', 'Count', 2),
      (m) => (m.addMetric('Orders', 'Count', 3), m.addMetric('Orders', 'Count', 4)),
      (m) => m.addMetric('Orders', 'Milliseconds', 5),
      (m) => m.addMetric('Orders', 'Milliseconds', 6, 1),
      (m) => (m.addMetric('Latency', 'Milliseconds', 7), m.addMetric('Orders', 'Count', 8)),
      (m) => (m.addMetric('Orders', 'Count', 9), m.addMetric('Latency', 'Milliseconds', 10)),
      (m) => (m.addDimension('payment', 'card'), m.addMetric('Orders', 'Count', 11)),
      (m) => m.addMetric('Orders', 'Count', 12),
      (m) => (m.setDefaultDimensions({ tier: 'gold' }), m.addMetric('Orders', 'Count', 13)),
      (m) => m.addMetric('Orders', 'Count', 14),
      (m) => (m.addMetric('7', 'Count', 15), m.addMetric('Orders', 'Count', 16)),
      (m) => m.addMetric('_aws', 'Count', 17),
      (m) => m.addMetric('with "quotes" and \u00e9', 'Count', Number.NaN),
      (m) => ((m as unknown as { setNamespace(name: string): void }).setNamespace('Other'), m.addMetric('Orders', 'Count', 18)),
      (m) => m.addMetric('Orders', 'Count', 19),
    ];
    expectSameSequence(options, invocations);
  });

  it('flush after flush, names that a joined key could confuse, fewer and more metrics, and a dimension named like an array index', () => {
    const sequences: Array<[Options, Array<(m: Metrics) => void>]> = [
      [options, [
        (m) => m.addMetric('first', 'Count', 1),
        (m) => (m.addMetric('a', 'Count', 2), m.addMetric('b', 'Count', 3)),
        (m) => m.addMetric('a\u000160\u0000Count\u0000b', 'Count', 4),
        (m) => m.addMetric('a:Count:1,"b"', 'Count', 5),
        (m) => (m.addMetric('a', 'Count', 6), m.addMetric('b', 'Count', 7)),
        // Fewer, then more, metrics than the kept text was made for.
        (m) => m.addMetric('a', 'Count', 8),
        (m) => (m.addMetric('a', 'Count', 9), m.addMetric('b', 'Count', 10), m.addMetric('c', 'Count', 11)),
        (m) => (m.addMetric('a', 'Count', 12), m.addMetric('b', 'Count', 13)),
      ]],
      [{ ...options, defaultDimensions: { '0': 'zero' } }, [
        (m) => m.addMetric('A', 'Count', 1),
        (m) => m.addMetric('A', 'Count', 2),
        (m) => m.addMetric('A', 'Count', 3),
      ]],
    ];
    for (const [settings, invocations] of sequences) expectSameSequence(settings, invocations);
  });

  it('the same errors as Powertools for bad metrics and key collisions', () => {
    const fast = new Metrics(options);
    installMetricsFastPath(fast);
    const reference = new Metrics(options);
    const bad: Array<(m: Metrics) => unknown> = [
      (m) => m.addMetric('', 'Count', 1),
      (m) => m.addMetric('A', 'Apples' as 'Count', 1),
      (m) => m.addMetric('A', 'Count', '1' as unknown as number),
      (m) => m.addMetric('A', 'Count', 1, 5 as 60),
      (m) => (m.addMetric('U', 'Count', 1), m.addMetric('U', 'Bytes', 1)),
      (m) => (m.addDimension('Clash', 'x'), m.addMetric('Clash', 'Count', 1), m.serializeMetrics()),
      (m) => (m.addMetric('service', 'Count', 1), m.serializeMetrics()),
    ];
    const output = capture();
    try {
      for (const call of bad) {
        const expected = catchError(() => call(reference));
        expect(expected).toBeInstanceOf(Error);
        const got = catchError(() => call(fast));
        expect(got?.constructor).toBe(expected!.constructor);
        expect(got?.message).toBe(expected!.message);
        reference.clearMetrics(); reference.clearDimensions();
        fast.clearMetrics(); fast.clearDimensions();
      }
    } finally {
      output.restore();
    }
  });

  it('writes nothing when no metric was added or when metrics are disabled', () => {
    const fast = new Metrics(options);
    installMetricsFastPath(fast);
    const output = capture();
    try {
      expect(flushMetrics(fast)).toBe(false);
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
      const disabled = new Metrics(options);
      installMetricsFastPath(disabled);
      disabled.addMetric('A', 'Count', 1);
      expect(flushMetrics(disabled)).toBe(false);
      expect(disabled.hasStoredMetrics()).toBe(false);
    } finally {
      output.restore();
    }
    expect(output.lines).toEqual([]);
  });

  it('is off, with the reason, for a Metrics it does not reproduce', () => {
    expect(installMetricsFastPath(new Metrics({ serviceName: 'orders' }))).toMatch(/namespace/);
    expect(installMetricsFastPath(new Metrics({ ...options, singleMetric: true }))).toMatch(/single/);
    class Custom extends Metrics {}
    expect(installMetricsFastPath(new Custom(options))).toMatch(/subclass/);
  });
});

function catchError(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}
