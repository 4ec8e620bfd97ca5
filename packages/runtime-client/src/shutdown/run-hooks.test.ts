import { afterEach, describe, expect, it, vi } from 'vitest';
import { runShutdownHooks } from './run-hooks.js';

afterEach(() => vi.restoreAllMocks());

describe('runShutdownHooks', () => {
  it('runs every hook at once with the reason and deadline, and waits for all of them', async () => {
    const order: string[] = [];
    const deadlineMs = Date.now() + 500;
    const slow = async (notice: { reason: string; deadlineMs: number }) => {
      order.push(`slow start ${notice.reason}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow end');
    };
    const quick = (notice: { deadlineMs: number }) => {
      order.push(`quick ${notice.deadlineMs === deadlineMs}`);
    };
    const run = await runShutdownHooks([slow, quick], 'spindown', deadlineMs);
    expect(run).toEqual({ ran: 2, failed: 0, unfinished: 0 });
    expect(order).toEqual(['slow start spindown', 'quick true', 'slow end']);
  });

  it('logs a failing hook by name and still runs the others', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let otherRan = false;
    const run = await runShutdownHooks(
      [
        function closePool() {
          throw new Error('pool already closed');
        },
        () => {
          otherRan = true;
        },
      ],
      'SIGTERM',
      Date.now() + 500,
    );
    expect(run).toMatchObject({ ran: 2, failed: 1 });
    expect(otherRan).toBe(true);
    expect(errors).toHaveBeenCalledWith('Shutdown hook "closePool" failed:', expect.objectContaining({ message: 'pool already closed' }));
  });

  it('gives up on a hook at the deadline: aborts its signal, names it, and returns', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let aborted = false;
    const run = await runShutdownHooks(
      [
        function neverDone(notice: { signal: AbortSignal }) {
          notice.signal.addEventListener('abort', () => (aborted = true));
          return new Promise(() => undefined);
        },
      ],
      'timeout',
      Date.now() + 60,
    );
    expect(run).toEqual({ ran: 1, failed: 0, unfinished: 1 });
    expect(aborted).toBe(true);
    expect(warnings.mock.calls[0]?.[0]).toMatch(/^1 shutdown hook\(s\) had not finished when the budget ran out \("neverDone"\)/);
  });

  it('does nothing without hooks', async () => {
    expect(await runShutdownHooks([], 'spindown', 0)).toEqual({ ran: 0, failed: 0, unfinished: 0 });
  });
});
