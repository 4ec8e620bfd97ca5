import { describe, expect, it } from 'vitest';
import { defineEnv } from './define-env.js';
import { EnvConfigError, EnvNotReadyError } from './errors.js';
import { envVar as v } from './kinds.js';
import { envVar } from './kinds.js';

// Only plain variables here: decryption runs against the real KMS stand-in in test/kms.
describe('defineEnv (plain variables)', () => {
  it('validates plain-only declarations at once and exposes the values through get() and values', async () => {
    const config = defineEnv({ PORT: envVar.number(), MODE: envVar.enum(['a', 'b'], { default: 'a' }) }, { env: { PORT: '3000' } });
    // Nothing to decrypt: validation finished synchronously inside defineEnv (init phase).
    expect(config.get('MODE')).toBe('a');
    const values = await config.ready();
    expect(values).toEqual({ PORT: 3000, MODE: 'a' });
    expect(config.get('PORT')).toBe(3000);
    expect(config.values).toBe(values);
    expect(await config.ready()).toBe(values);
  });

  it('rejects with one EnvConfigError naming every problem', async () => {
    const config = defineEnv({ A: envVar.string(), B: envVar.boolean(), C: envVar.url({ optional: true }) }, { env: { B: 'nope' } });
    await expect(config.ready()).rejects.toThrow(EnvConfigError);
    await expect(config.ready()).rejects.toThrow(/2 environment variables are missing or invalid:\n {2}- A: is not set\n {2}- B: must be a boolean/);
  });

  it('puts the values on the context and request.internal as a middleware', async () => {
    const config = defineEnv({ NAME: envVar.string() }, { env: { NAME: 'x' } });
    const mw = config.middleware({ contextKey: 'cfg' });
    const request = { event: {}, context: {} as Record<string, unknown>, response: undefined, error: undefined, internal: {} as Record<string, unknown> };
    await mw.before!(request as never);
    expect(request.context.cfg).toEqual({ NAME: 'x' });
    expect(request.internal.cfg).toEqual({ NAME: 'x' });
  });

  it('refuses reads before an encrypted declaration has loaded', () => {
    // An invalid ciphertext fails before any KMS call; until ready() settles nothing is readable.
    const config = defineEnv({ KEY: v.string({ encrypted: true }) }, { env: { KEY: 'not base64!' } });
    expect(() => config.values).toThrow(EnvNotReadyError);
    expect(() => config.get('KEY')).toThrow(/await ready\(\)/);
    return expect(config.ready()).rejects.toThrow(/KEY: could not be decrypted: is not base64/);
  });

  it('an encrypted variable that is unset falls back to its default without calling KMS', async () => {
    const config = defineEnv({ TOKEN: envVar.string({ encrypted: true, default: 'dev-token' }) }, { env: {} });
    expect(await config.ready()).toEqual({ TOKEN: 'dev-token' });
  });
});
