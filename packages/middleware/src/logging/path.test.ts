import { describe, expect, it } from 'vitest';
import { InvalidPathError } from './errors.js';
import { compilePath, readPath } from './path.js';
import { eventRedactor, REDACTED_FIELD } from './redact-paths.js';

const read = (path: string, value: unknown) => readPath(compilePath(path, { wildcards: false, alternatives: true }), value);

describe('correlation id paths (JMESPath subset)', () => {
  const event = {
    headers: { 'x-correlation-id': 'abc', Host: 'h' },
    requestContext: { requestId: 'req-1' },
    Records: [{ messageId: 'm1' }, { messageId: 'm2' }],
  };

  it('reads dotted names, quoted names and indexes', () => {
    expect(read('requestContext.requestId', event)).toBe('req-1');
    expect(read('headers."x-correlation-id"', event)).toBe('abc');
    expect(read('Records[0].messageId', event)).toBe('m1');
    expect(read('Records[-1].messageId', event)).toBe('m2');
  });

  it('takes the first alternative that yields a value', () => {
    expect(read('headers."x-request-id" || requestContext.requestId', event)).toBe('req-1');
    expect(read('missing || also.missing', event)).toBeUndefined();
  });

  it('answers undefined for paths through non-objects, and ignores inherited properties', () => {
    expect(read('headers.Host.length', event)).toBeUndefined();
    expect(read('Records.messageId', event)).toBeUndefined();
    expect(read('constructor', {})).toBeUndefined();
  });

  it('rejects what it does not support, naming the position', () => {
    expect(() => compilePath('a[?x==`1`]', { wildcards: false, alternatives: true })).toThrow(InvalidPathError);
    expect(() => compilePath('a.', { wildcards: false, alternatives: true })).toThrow(/position 2: expected a name/);
    expect(() => compilePath('Records[*].id', { wildcards: false, alternatives: true })).toThrow(/wildcards are not allowed/);
    expect(() => compilePath('"open', { wildcards: false, alternatives: true })).toThrow(/unterminated/);
    expect(() => compilePath('', { wildcards: false, alternatives: true })).toThrow(/non-empty string/);
    expect(() => compilePath('a || b', { wildcards: true, alternatives: false })).toThrow(/'\|\|' is not allowed/);
  });
});

describe('event redaction by path', () => {
  it('replaces the chosen values in a copy and leaves the event untouched', () => {
    const event = { headers: { Authorization: 'Bearer t0ken', Host: 'h' }, body: '{"card":"4111"}', n: 1 };
    const redacted = eventRedactor(['headers.Authorization', 'body'])(event) as typeof event;
    expect(redacted).toEqual({ headers: { Authorization: REDACTED_FIELD, Host: 'h' }, body: REDACTED_FIELD, n: 1 });
    expect(event.headers.Authorization).toBe('Bearer t0ken');
    expect(event.body).toBe('{"card":"4111"}');
  });

  it('supports wildcards over arrays and objects, and skips missing paths', () => {
    const event = { Records: [{ body: 'a', id: 1 }, { body: 'b', id: 2 }], meta: { x: 1, y: 2 } };
    const redacted = eventRedactor(['Records[*].body', 'meta.*', 'not.there'])(event);
    expect(redacted).toEqual({ Records: [{ body: REDACTED_FIELD, id: 1 }, { body: REDACTED_FIELD, id: 2 }], meta: { x: REDACTED_FIELD, y: REDACTED_FIELD } });
    expect(event.Records[0]!.body).toBe('a');
  });

  it('shares branches it does not touch', () => {
    const event = { big: { deep: [1, 2, 3] }, secret: 's' };
    const redacted = eventRedactor(['secret'])(event) as typeof event;
    expect(redacted.big).toBe(event.big);
  });
});
