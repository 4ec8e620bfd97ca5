import { describe, expect, it } from 'vitest';
import { formatText } from './format-text.js';
import { LOG_LEVELS } from './levels.js';
import { toSingleLine } from './single-line.js';

const TS = '2024-01-02T03:04:05.678Z';

describe('Text format', () => {
  it('is timestamp, request id, level and message separated by tabs', () => {
    expect(formatText(TS, 'req-1', LOG_LEVELS.INFO, ['hello'])).toBe(`${TS}\treq-1\tINFO\thello`);
  });

  it('formats several arguments and placeholders as console.log does', () => {
    expect(formatText(TS, '-', LOG_LEVELS.WARN, ['%s has %d items', 'cart', 3, { a: 1 }])).toBe(
      `${TS}\t-\tWARN\tcart has 3 items { a: 1 }`,
    );
  });

  it('prints an Error argument with its stack', () => {
    const line = formatText(TS, '-', LOG_LEVELS.ERROR, ['failed:', new TypeError('bad input')]);
    expect(line).toContain('failed: TypeError: bad input\n    at ');
  });
});

describe('toSingleLine', () => {
  it('turns only LF into CR, as the official client does (CRLF becomes CR CR)', () => {
    const folded = toSingleLine('a\nb\r\nc\u2028d\u2029e\u0085f\u000bg\u000ch');
    expect(folded).toBe('a\rb\r\rc\u2028d\u2029e\u0085f\u000bg\u000ch');
    expect(folded).not.toContain('\n');
  });

  it('leaves text without line breaks alone', () => {
    expect(toSingleLine('tab\tand ünïcode')).toBe('tab\tand ünïcode');
  });
});
