import { describe, expect, it } from 'vitest';
import { formatJson } from './format-json.js';
import { LOG_LEVELS } from './levels.js';

const TS = '2024-01-02T03:04:05.678Z';
const entry = (args: unknown[], tenantId?: string) => JSON.parse(formatJson(TS, LOG_LEVELS.INFO, 'req-1', tenantId, args));

describe('JSON format', () => {
  it('writes timestamp, level, requestId and message', () => {
    expect(entry(['hello'])).toEqual({ timestamp: TS, level: 'INFO', requestId: 'req-1', message: 'hello' });
  });

  it('adds tenantId only when there is one', () => {
    expect(entry(['x'], 'tenant-a').tenantId).toBe('tenant-a');
    expect(entry(['x'])).not.toHaveProperty('tenantId');
  });

  it('keeps a single object argument as a JSON object', () => {
    expect(entry([{ orderId: 7, items: ['a'] }]).message).toEqual({ orderId: 7, items: ['a'] });
  });

  it('joins several arguments with util.format', () => {
    expect(entry(['user %s', 'ann', { id: 1 }]).message).toBe('user ann { id: 1 }');
  });

  it('adds errorType, errorMessage and stackTrace for an Error among several arguments', () => {
    const error = new RangeError('too big');
    const e = entry(['failed', error]);
    expect(e.errorType).toBe('RangeError');
    expect(e.errorMessage).toBe('too big');
    expect(e.stackTrace[0]).toBe('RangeError: too big');
    expect(e.message).toMatch(/^failed RangeError: too big/);
  });

  it('keeps a lone Error structured in message, without the top-level fields (as the official client)', () => {
    class PaymentDeclined extends Error {
      code = 'E42';
    }
    const e = entry([new PaymentDeclined('card refused', { cause: new Error('bank down') })]);
    expect(e.errorType).toBeUndefined();
    expect(e.message).toMatchObject({ errorType: 'PaymentDeclined', errorMessage: 'card refused', code: 'E42' });
    expect(e.message.cause).toMatchObject({ errorType: 'Error', errorMessage: 'bank down' });
  });

  it('leaves the message out when nothing was given (console.log())', () => {
    expect('message' in entry([])).toBe(false);
  });

  it('takes the top-level fields from an Error after the first argument only', () => {
    const e = entry([new TypeError('first'), 'then', new RangeError('second')]);
    expect(e.errorType).toBe('RangeError');
    expect(e.errorMessage).toBe('second');
    expect(entry([new TypeError('first'), 'then']).errorType).toBeUndefined();
  });

  it('serializes Errors nested in objects', () => {
    expect(entry([{ step: 'save', error: new Error('disk full') }]).message.error.errorMessage).toBe('disk full');
  });

  it('survives a circular object by logging its inspected text', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop['self'] = loop;
    expect(entry([loop]).message).toContain('[Circular *1]');
  });

  it('treats a lone value JSON cannot hold as the official client does', () => {
    // undefined, functions and symbols leave the entry without a message...
    expect(entry([undefined])).not.toHaveProperty('message');
    expect(entry([() => 1])).not.toHaveProperty('message');
    expect(entry([Symbol('s')])).not.toHaveProperty('message');
    // ...a BigInt makes JSON.stringify throw, and its inspected text is logged instead.
    expect(entry([10n]).message).toBe('10n');
    expect(entry([{ big: 10n }]).message).toContain('big: 10n');
    expect(entry(['n', undefined]).message).toBe('n undefined');
  });

  it('keeps one entry on one line whatever the message holds (NEL, LS and PS stay raw, as in the official client)', () => {
    const line = formatJson(TS, LOG_LEVELS.INFO, 'r', undefined, ['a\nb\r\u2028c\u2029\u0085\u0000', { k: 'x\ny' }]);
    expect(line).not.toMatch(/[\n\r\u0000]/);
    expect(line).toContain('\u2028c\u2029\u0085');
    expect(JSON.parse(line).message).toBe("a\nb\r\u2028c\u2029\u0085\u0000 { k: 'x\\ny' }");
  });
});
