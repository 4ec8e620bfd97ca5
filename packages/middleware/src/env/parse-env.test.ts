import { describe, expect, it } from 'vitest';
import { EnvConfigError } from './errors.js';
import { envVar } from './kinds.js';
import { parseEnv } from './parse-env.js';

describe('parseEnv', () => {
  it('parses every declared type and applies defaults and optionals', () => {
    const values = parseEnv(
      {
        TABLE: envVar.string(),
        PORT: envVar.number({ integer: true, min: 1, max: 65535 }),
        RATIO: envVar.number({ default: 0.5 }),
        DEBUG: envVar.boolean(),
        QUIET: envVar.boolean({ optional: true }),
        FEATURES: envVar.json<{ beta: boolean }>(),
        API: envVar.url({ protocols: ['https:'] }),
        MODE: envVar.enum(['fast', 'safe']),
        REGION_NAME: envVar.string({ default: 'eu-west-1' }),
      },
      {
        TABLE: 'orders',
        PORT: '8080',
        DEBUG: 'Yes',
        QUIET: '',
        FEATURES: '{"beta":true}',
        API: 'https://example.com/v1',
        MODE: 'safe',
      },
    );
    expect(values).toEqual({
      TABLE: 'orders',
      PORT: 8080,
      RATIO: 0.5,
      DEBUG: true,
      QUIET: undefined,
      FEATURES: { beta: true },
      API: new URL('https://example.com/v1'),
      MODE: 'safe',
      REGION_NAME: 'eu-west-1',
    });
    expect(Object.isFrozen(values)).toBe(true);
  });

  it('lists every missing or invalid variable in one error, with reasons and without values', () => {
    const env = {
      PORT: 'eighty',
      COUNT: '2.5',
      FLAG: 'maybe',
      CONFIG: '{"password":"hunter2-secret"',
      API: 'ftp://files.example.com',
      MODE: 'turbo',
      NAME: '',
      CODE: 'abc',
    };
    let caught: unknown;
    try {
      parseEnv(
        {
          TABLE: envVar.string(),
          PORT: envVar.number(),
          COUNT: envVar.number({ integer: true }),
          FLAG: envVar.boolean(),
          CONFIG: envVar.json(),
          API: envVar.url({ protocols: ['https:'] }),
          MODE: envVar.enum(['fast', 'safe']),
          NAME: envVar.string(),
          CODE: envVar.string({ pattern: /[A-Z]{3}/ }),
        },
        env,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvConfigError);
    const error = caught as EnvConfigError;
    expect(error.name).toBe('EnvConfigError');
    expect(error.problems.map((p) => p.variable)).toEqual(['TABLE', 'PORT', 'COUNT', 'FLAG', 'CONFIG', 'API', 'MODE', 'NAME', 'CODE']);
    expect(error.message).toContain('9 environment variables are missing or invalid');
    expect(error.message).toContain('TABLE: is not set');
    expect(error.message).toContain('PORT: must be a number');
    expect(error.message).toContain('COUNT: must be an integer');
    expect(error.message).toContain('MODE: must be one of fast, safe');
    expect(error.message).toContain('NAME: is empty');
    expect(error.message).toContain('API: must use https:');
    for (const value of Object.values(env).filter(Boolean)) expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses numbers that Number() would silently accept', () => {
    for (const raw of ['0x10', '1e999', ' ', 'Infinity', '1_000']) {
      expect(() => parseEnv({ N: envVar.number() }, { N: raw }), raw).toThrow(EnvConfigError);
    }
    expect(parseEnv({ N: envVar.number() }, { N: ' -1.5e3 ' }).N).toBe(-1500);
  });

  it('checks JSON shape with validate and string bounds', () => {
    const spec = { CFG: envVar.json({ validate: (v) => Array.isArray(v) }), S: envVar.string({ minLength: 3, maxLength: 4 }) };
    expect(() => parseEnv(spec, { CFG: '{}', S: 'abcd' })).toThrow(/CFG: JSON does not have the expected shape/);
    expect(() => parseEnv(spec, { CFG: '[]', S: 'ab' })).toThrow(/S: must be at least 3 characters/);
    expect(() => parseEnv(spec, { CFG: '[]', S: 'abcde' })).toThrow(/S: must be at most 4 characters/);
  });

  it('sends encrypted declarations to defineEnv', () => {
    expect(() => parseEnv({ SECRET: envVar.string({ encrypted: true }) }, { SECRET: 'AAAA' })).toThrow(
      /use defineEnv\(\.\.\.\)\.ready\(\) for encrypted variables/,
    );
  });

  it('refuses an enum without values', () => {
    expect(() => envVar.enum([])).toThrow(/at least one allowed value/);
  });
});
