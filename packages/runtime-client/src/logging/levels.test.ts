import { describe, expect, it } from 'vitest';
import { LOG_LEVELS, parseLogFormat, parseLogLevel } from './levels.js';

describe('AWS_LAMBDA_LOG_LEVEL', () => {
  it('orders TRACE < DEBUG < INFO < WARN < ERROR < FATAL', () => {
    const order = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
    const priorities = order.map((name) => LOG_LEVELS[name].priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect(new Set(priorities).size).toBe(6);
  });

  it('accepts any case and surrounding blanks', () => {
    expect(parseLogLevel('warn')).toEqual({ value: LOG_LEVELS.WARN });
    expect(parseLogLevel(' Error ')).toEqual({ value: LOG_LEVELS.ERROR });
  });

  it('writes every level when unset', () => {
    expect(parseLogLevel(undefined)).toEqual({ value: LOG_LEVELS.TRACE });
    expect(parseLogLevel('')).toEqual({ value: LOG_LEVELS.TRACE });
  });

  it('falls back to TRACE with a warning naming the bad value and the valid ones', () => {
    const parsed = parseLogLevel('VERBOSE');
    expect(parsed.value).toBe(LOG_LEVELS.TRACE);
    expect(parsed.warning).toContain('"VERBOSE"');
    expect(parsed.warning).toContain('TRACE, DEBUG, INFO, WARN, ERROR, FATAL');
  });

  it('keeps control characters of a bad value out of the warning', () => {
    expect(parseLogLevel('x\ny').warning).not.toMatch(/\n/);
  });
});

describe('AWS_LAMBDA_LOG_FORMAT', () => {
  it('is Text by default and JSON in any case', () => {
    expect(parseLogFormat(undefined).value).toBe('Text');
    expect(parseLogFormat('json').value).toBe('JSON');
    expect(parseLogFormat('TEXT').value).toBe('Text');
  });

  it('warns about an unknown format and uses Text', () => {
    const parsed = parseLogFormat('yaml');
    expect(parsed.value).toBe('Text');
    expect(parsed.warning).toMatch(/"yaml" is not Text or JSON/);
  });
});
