import { describe, expect, it } from 'vitest';
import { onShutdown, shutdownRegistry } from './registry.js';

describe('onShutdown', () => {
  it('keeps hooks in a registry shared through globalThis, so every copy of the package sees the same one', () => {
    const hook = () => undefined;
    const remove = onShutdown(hook);
    const shared = (globalThis as Record<symbol, { hooks: Set<unknown> }>)[Symbol.for('thaw.runtime-client.shutdown')];
    expect(shared).toBe(shutdownRegistry());
    expect(shared?.hooks.has(hook)).toBe(true);
    remove();
    expect(shared?.hooks.has(hook)).toBe(false);
  });

  it('refuses a value that is not a function and says what it got', () => {
    expect(() => onShutdown('flush' as never)).toThrow(new TypeError('onShutdown(hook) needs a function to call at shutdown; got string.'));
    expect(() => onShutdown(null as never)).toThrow(/got null/);
  });
});
