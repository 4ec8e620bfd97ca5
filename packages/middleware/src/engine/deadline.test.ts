import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { lambda } from './lambda.js';
import { deadlines } from './deadline.js';
import { DeadlineExceededError, InvalidEngineOptionError } from './errors.js';

/** A context whose deadline is `remainingMs` from now, like the one Lambda passes. */
function contextWithDeadline(remainingMs: number): Context {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: 'req', getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

const untilAborted = (signal: AbortSignal): Promise<unknown> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('deadline signal', () => {
  it('aborts the handler signal marginMs before the deadline, with a DeadlineExceededError reason', async () => {
    const handler = lambda(async (_e: unknown, _c: Context, { signal }) => untilAborted(signal), {
      deadline: { marginMs: 40 },
    });
    const reason = await handler({}, contextWithDeadline(60));
    expect(reason).toBeInstanceOf(DeadlineExceededError);
    expect((reason as Error).message).toMatch(/40 ms before the Lambda timeout/);
  });

  it('watches no deadline and creates no signal for handlers that never read it', async () => {
    let request: { dueAt: unknown; controller: unknown } | undefined;
    let watchedDuring = -1;
    const handler = lambda(async () => void (watchedDuring = deadlines.state.watched)).use({
      after: (r) => void (request = r as unknown as typeof request),
    });
    await handler({}, contextWithDeadline(10_000));
    expect(request!.controller).toBeUndefined();
    expect(request!.dueAt).toBeUndefined();
    expect(watchedDuring).toBe(0);
  });

  it('stops watching when the invocation ends, so its deadline work never runs later', async () => {
    let flushed = 0;
    let during: typeof deadlines.state | undefined;
    const handler = lambda(async (_e: unknown, _c: Context, tools) => {
      void tools.signal;
      during = deadlines.state;
      return 'fast';
    }).use({ onDeadline: () => void flushed++ });
    await expect(handler({}, contextWithDeadline(80))).resolves.toBe('fast');
    expect(during).toEqual({ watched: 1, keepsProcessAlive: true });
    // The shared timer may still be set, but it no longer holds the process open.
    expect(deadlines.state).toEqual({ watched: 0, keepsProcessAlive: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(flushed).toBe(0);
  });

  it('reaches each deadline of invocations running at once, the earliest first, whatever the order they started in', async () => {
    const reached: string[] = [];
    const handler = lambda(async (event: { id: string }, _c: Context, { signal }) => {
      await untilAborted(signal);
      reached.push(event.id);
      return event.id;
    }).use({ onDeadline: (request) => void reached.push(`flush ${(request.event as { id: string }).id}`) });
    const results = await Promise.all([
      handler({ id: 'late' }, contextWithDeadline(250)),
      handler({ id: 'early' }, contextWithDeadline(120)),
      handler({ id: 'middle' }, contextWithDeadline(180)),
    ]);
    expect(results).toEqual(['late', 'early', 'middle']);
    expect(reached).toEqual(['flush early', 'early', 'flush middle', 'middle', 'flush late', 'late']);
    expect(deadlines.state.watched).toBe(0);
  });

  it('a deadline armed after a later one still fires first (the shared timer is moved earlier)', async () => {
    const order: string[] = [];
    const slow = lambda(async (event: string, _c: Context, { signal }) => {
      await untilAborted(signal);
      order.push(event);
    }, { deadline: { marginMs: 0 } });
    const late = slow('late', contextWithDeadline(400));
    await slow('early', contextWithDeadline(60));
    expect(order).toEqual(['early']);
    expect(deadlines.state).toEqual({ watched: 1, keepsProcessAlive: true });
    await late;
    expect(order).toEqual(['early', 'late']);
  });

  it('keeps time on a monotonic clock: with Date frozen (as a fake clock in tests does) the deadline still comes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const handler = lambda(async (_e: unknown, _c: Context, { signal }) => untilAborted(signal), { deadline: { marginMs: 50 } });
      const context = { awsRequestId: 'req', getRemainingTimeInMillis: () => 100 } as Context;
      const outcome = await Promise.race([handler({}, context), new Promise((resolve) => setTimeout(resolve, 1000, 'still running after 1 s'))]);
      expect(outcome).toBeInstanceOf(DeadlineExceededError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fake timers drive the deadline as they drive any timer, whether or not they fake the clock too', async () => {
    for (const toFake of [undefined, ['setTimeout', 'clearTimeout', 'Date'] as const]) {
      vi.useFakeTimers(toFake === undefined ? undefined : { toFake: [...toFake] });
      try {
        let flushed = 0;
        const deadline = Date.now() + 3000;
        const context = { awsRequestId: 'req', getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
        const handler = lambda(async () => new Promise(() => {})).use({ onDeadline: () => void flushed++ });
        void handler({}, context);
        await vi.advanceTimersByTimeAsync(2900);
        expect(flushed).toBe(0);
        await vi.advanceTimersByTimeAsync(60);
        expect(flushed).toBe(1);
      } finally {
        vi.useRealTimers();
      }
    }
  });

  it('has no deadline without a Lambda context (plain calls, unit tests)', async () => {
    const handler = lambda(async (_e: unknown, _c: Context, { signal }) => signal.aborted);
    await expect(handler({}, {} as Context)).resolves.toBe(false);
  });

  it('refuses a negative or non-numeric margin', () => {
    expect(() => lambda(async () => 1, { deadline: { marginMs: -1 } })).toThrow(InvalidEngineOptionError);
    expect(() => lambda(async () => 1, { deadline: { marginMs: Number.NaN } })).toThrow(/marginMs/);
  });
});

describe('deadline flushers', () => {
  it('runs middleware onDeadline hooks (reverse order) and per-request flushers at the deadline', async () => {
    const flushed: string[] = [];
    const handler = lambda(async (_e: unknown, _c: Context, { signal }) => untilAborted(signal), {
      deadline: { marginMs: 30 },
    })
      .use({ onDeadline: () => void flushed.push('logger') })
      .use({
        onDeadline: () => void flushed.push('metrics'),
        before: (request) => request.onDeadline?.(() => void flushed.push('per-request')),
      });
    await handler({}, contextWithDeadline(50));
    expect(flushed).toEqual(['metrics', 'logger', 'per-request']);
  });

  it('keeps running the other flushers when one throws, and warns without the message', async () => {
    const flushed: string[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const handler = lambda(async (_e: unknown, _c: Context, { signal }) => untilAborted(signal), {
        deadline: { marginMs: 30 },
      })
        .use({ onDeadline: () => void flushed.push('second') })
        .use({
          onDeadline: () => {
            throw new TypeError('secret-token-123');
          },
        });
      await handler({}, contextWithDeadline(40));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(flushed).toEqual(['second']);
    expect(warnings.join()).toMatch(/TypeError/);
    expect(warnings.join()).not.toMatch(/secret-token-123/);
  });

  it('with failInvocation, ends the invocation through onError after the flushers ran', async () => {
    const log: string[] = [];
    const handler = lambda(() => new Promise<string>(() => undefined), {
      deadline: { marginMs: 30, failInvocation: true },
    }).use({
      onDeadline: async () => {
        await Promise.resolve();
        log.push('flushed');
      },
      onError: (request) => {
        log.push(`onError ${(request.error as Error).name}`);
        return { statusCode: 504 };
      },
    });
    await expect(handler({}, contextWithDeadline(40))).resolves.toEqual({ statusCode: 504 });
    expect(log).toEqual(['flushed', 'onError DeadlineExceededError']);
  });

  it('hands out an already aborted signal when read after the deadline passed', async () => {
    let lateSignal: AbortSignal | undefined;
    const handler = lambda(async (_e: unknown, _c: Context, tools) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      lateSignal = tools.signal;
      return 'late';
    }).use({ onDeadline: () => undefined });
    await handler({}, contextWithDeadline(20));
    expect(lateSignal!.aborted).toBe(true);
  });
});
