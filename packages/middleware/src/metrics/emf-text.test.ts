import { describe, expect, it } from 'vitest';
import { EmfText, type StoredMetric } from './emf-text.js';

const metric = (name: string, value: number): StoredMetric => ({ name, unit: 'Count', value, resolution: 60 });

/** The EMF object serialize() would give for these metrics (names in for...in order). */
function emfOf(metrics: Record<string, StoredMetric>): { _aws: object } {
  const emf: Record<string, unknown> = {
    _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['service']], Metrics: [] }] },
    service: 'svc',
  };
  for (const name in metrics) emf[name] = metrics[name]!.value;
  return emf as { _aws: object };
}

describe('EmfText', () => {
  it('keeps the metric names, the kept text and the values in step, inherited enumerable metrics included', () => {
    const text = new EmfText();
    const skeleton = {};
    const inherited = Object.create({ inherited: metric('inherited', 9) }) as Record<string, StoredMetric>;
    inherited.a = metric('a', 1);
    for (const metrics of [inherited, { a: metric('a', 2) }, inherited]) {
      const line = text.line(skeleton, metrics, 5, () => emfOf(metrics))!;
      const expected: Record<string, unknown> = { ...emfOf(metrics), _aws: { ...(emfOf(metrics)._aws as object), Timestamp: 5 } };
      expect(JSON.parse(line)).toEqual(expected);
      expect(Object.keys(JSON.parse(line))).toEqual(Object.keys(expected));
    }
  });
});
