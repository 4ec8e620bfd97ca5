import { describe, expect, it } from 'vitest';
import { buildEvent } from '../fake-api/event.mjs';
import { escapeXml, num, times } from '../report/format.mjs';
import { median, medianOf, ratio, rotate } from '../stats.mjs';

describe('buildEvent', () => {
  it.each([64, 1000, 1024, 65_537, 1024 * 1024])('builds valid JSON of exactly %i bytes that re-serializes byte for byte', (size) => {
    const event = buildEvent(size);
    expect(event.length).toBe(size);
    const parsed = JSON.parse(event.toString('utf8'));
    // Buffer.equals: a deep toEqual walks a megabyte byte by byte and takes seconds.
    expect(Buffer.from(JSON.stringify(parsed)).equals(event)).toBe(true);
  });

  it('fills a 1 MB event with many records so that JSON work is realistic', () => {
    expect(JSON.parse(buildEvent(1024 * 1024).toString()).Records.length).toBeGreaterThan(5000);
  });

  it.each([0, 63, 1.5, Number.NaN])('refuses size %s with a message saying what to pass', (size) => {
    expect(() => buildEvent(size)).toThrow(/at least 64 bytes.*pass e\.g\. 1024/);
  });
});

describe('stats', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores missing values and has no median for none', () => {
    expect(median([undefined, 2, Number.NaN, 4])).toBe(3);
    expect(median([])).toBeUndefined();
  });

  it('reads nested figures by path', () => {
    expect(medianOf([{ a: { b: 1 } }, { a: { b: 9 } }, { a: { b: 4 } }], 'a.b')).toBe(4);
  });

  it('has no ratio against a missing or zero baseline', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeUndefined();
    expect(ratio(undefined, 2)).toBeUndefined();
  });

  it('rotates so each element leads once per cycle', () => {
    const leads = [0, 1, 2, 3].map((r) => rotate(['a', 'b', 'c'], r)[0]);
    expect(leads).toEqual(['a', 'b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
  });
});

describe('format', () => {
  it('shows missing figures as a dash and scales digits to magnitude', () => {
    expect(num(undefined)).toBe('–');
    expect(num(1234.56)).toBe('1,235');
    expect(num(12.345)).toBe('12.3');
    expect(num(1.2345)).toBe('1.23');
    expect(times(0.5)).toBe('0.50x');
    expect(times(Number.NaN)).toBe('–');
  });

  it('escapes text for SVG', () => {
    expect(escapeXml(`<a & "b">`)).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });
});
