import { describe, expect, it } from 'vitest';
import { checkEmfLine, EMF_LIMITS } from './emf-validator.js';

const now = 1_800_000_000_000;
function line(overrides: { metrics?: unknown[]; dims?: unknown[][]; root?: Record<string, unknown>; timestamp?: unknown } = {}): string {
  return JSON.stringify({
    _aws: {
      Timestamp: overrides.timestamp ?? now,
      CloudWatchMetrics: [{ Namespace: 'App', Dimensions: overrides.dims ?? [['service']], Metrics: overrides.metrics ?? [{ Name: 'Hits', Unit: 'Count' }] }],
    },
    service: 'svc',
    Hits: 1,
    ...overrides.root,
  });
}

describe('checkEmfLine', () => {
  it('accepts a well-formed line', () => {
    expect(checkEmfLine(line(), now)).toMatchObject({ ok: true, problems: [] });
  });

  it('rejects lines that are not one JSON object with _aws', () => {
    expect(checkEmfLine('{"a":1}{"b":2}', now).problems).toEqual(['the line is not one JSON value']);
    expect(checkEmfLine('[1]', now).problems).toEqual(['the line is not a JSON object']);
    expect(checkEmfLine('{"a":1}', now).problems).toEqual(['no _aws object']);
  });

  it('enforces the timestamp window', () => {
    expect(checkEmfLine(line({ timestamp: now - EMF_LIMITS.pastMs - 1 }), now).problems).toContain('_aws.Timestamp is more than 14 days old');
    expect(checkEmfLine(line({ timestamp: now + EMF_LIMITS.futureMs + 1 }), now).problems).toContain('_aws.Timestamp is more than 2 hours in the future');
    expect(checkEmfLine(line({ timestamp: 1.5 }), now).ok).toBe(false);
  });

  it('enforces 100 metrics per line and 100 values per metric', () => {
    const metrics = Array.from({ length: 101 }, (_, i) => ({ Name: `m${i}`, Unit: 'Count' }));
    const root = Object.fromEntries(metrics.map((m) => [m.Name, 1]));
    expect(checkEmfLine(line({ metrics, root }), now).problems).toContain('CloudWatchMetrics[0].Metrics has 101 metrics (at most 100)');
    const values = Array.from({ length: 101 }, () => 1);
    expect(checkEmfLine(line({ root: { Hits: values } }), now).problems).toContain('metric "Hits" has 101 values (1 to 100)');
    expect(checkEmfLine(line({ root: { Hits: values.slice(1) } }), now).ok).toBe(true);
  });

  it('enforces dimension limits and values', () => {
    const names = Array.from({ length: 31 }, (_, i) => `d${i}`);
    const root = Object.fromEntries(names.map((n) => [n, 'v']));
    expect(checkEmfLine(line({ dims: [names], root }), now).problems).toContain('CloudWatchMetrics[0].Dimensions[0] has 31 dimensions (at most 30)');
    expect(checkEmfLine(line({ dims: [['region']] }), now).problems).toContain('dimension "region" has no string value at the top level');
  });

  it('checks metric names, units, resolutions and values', () => {
    expect(checkEmfLine(line({ metrics: [{ Name: 'Hits', Unit: 'Parsecs' }] }), now).problems).toContain('metric "Hits" has unknown Unit "Parsecs"');
    expect(checkEmfLine(line({ metrics: [{ Name: 'Hits', StorageResolution: 5 }] }), now).problems[0]).toMatch(/StorageResolution 5/);
    expect(checkEmfLine(line({ root: { Hits: 'many' } }), now).problems).toContain('metric "Hits" has a value that is not a finite number');
    expect(checkEmfLine(line({ metrics: [{ Name: 'service' }] , root: {} }), now).problems).toContain('"service" is both a dimension and a metric');
  });
});
