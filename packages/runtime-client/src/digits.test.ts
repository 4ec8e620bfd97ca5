import { describe, expect, it } from 'vitest';
import { digitsValue } from './digits.js';

describe('digitsValue', () => {
  it('reads the digits of the range, leading zeros included', () => {
    expect(digitsValue('HTTP/1.1 202 Accepted', 9, 12)).toBe(202);
    expect(digitsValue('007', 0, 3)).toBe(7);
    expect(digitsValue('host:65535', 5, 10)).toBe(65535);
  });

  it('refuses an empty range, a range past the end and anything but 0-9', () => {
    expect(digitsValue('123', 1, 1)).toBeUndefined();
    expect(digitsValue('HTTP/1.1 20', 9, 12)).toBeUndefined();
    for (const text of ['1a3', ' 12', '12 ', '-12', '1.2', '１２', '/0', ':9']) expect(digitsValue(text, 0, text.length)).toBeUndefined();
  });
});
