import { describe, expect, it } from 'vitest';
import { DeadlineWatch, type Watched } from './deadline-watch.js';

const item = (): Watched => ({ dueAt: undefined });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeadlineWatch', () => {
  it('a due time beyond setTimeout’s longest delay waits, without a warning or a wake-up every millisecond', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const reached: Watched[] = [];
      const watch = new DeadlineWatch<Watched>((i) => reached.push(i));
      const far = item();
      watch.watch(far, performance.now() + 2 ** 31 + 10_000, performance.now());
      await sleep(60);
      expect(reached).toEqual([]);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
      watch.forget(far);
      expect(watch.state).toEqual({ watched: 0, keepsProcessAlive: false });
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('one failing deadline does not stop the others due at the same time; the error still surfaces', async () => {
    const errors: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      const reached: string[] = [];
      const a = { dueAt: undefined, name: 'a' };
      const b = { dueAt: undefined, name: 'b' };
      const watch = new DeadlineWatch<Watched & { name: string }>((i) => {
        reached.push(i.name);
        if (i.name === 'a') throw new Error('flush failed');
      });
      const now = performance.now();
      watch.watch(a, now + 20, now);
      watch.watch(b, now + 20, now);
      await sleep(100);
      expect(reached).toEqual(['a', 'b']);
      expect(errors).toHaveLength(1);
      expect((errors[0] as Error).message).toBe('flush failed');
    } finally {
      process.off('uncaughtException', onError);
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
  });
});
