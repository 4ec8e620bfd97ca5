import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambda } from './lambda.js';
import { registerCleanup } from './cleanup.js';
import { InvalidMiddlewareError, MissingHandlerError } from './errors.js';
import type { Middleware } from './types.js';

const context = { functionName: 'fn', awsRequestId: 'req-1' } as Context;

/** A middleware that records each hook it runs into `log`. */
function recorder(name: string, log: string[], extra: Partial<Middleware> = {}): Middleware {
  return {
    before: () => void log.push(`${name}.before`),
    after: () => void log.push(`${name}.after`),
    onError: () => void log.push(`${name}.onError`),
    ...extra,
  };
}

describe('lambda() engine order and results', () => {
  it('runs before hooks in use() order, after hooks in reverse, and returns the handler result', async () => {
    const log: string[] = [];
    const handler = lambda(async (event: { n: number }) => {
      log.push('handler');
      return event.n * 2;
    })
      .use(recorder('a', log))
      .use([recorder('b', log), recorder('c', log)]);
    await expect(handler({ n: 21 }, context)).resolves.toBe(42);
    expect(log).toEqual(['a.before', 'b.before', 'c.before', 'handler', 'c.after', 'b.after', 'a.after']);
  });

  it('awaits async hooks and lets after hooks replace the response', async () => {
    const handler = lambda(async (): Promise<Record<string, unknown>> => ({ body: 'x' })).use({
      before: async (request) => {
        await new Promise((resolve) => setImmediate(resolve));
        request.internal.seen = true;
      },
      after: async (request) => {
        request.response = { body: `${request.response!.body}!`, seen: request.internal.seen };
      },
    });
    await expect(handler({}, context)).resolves.toEqual({ body: 'x!', seen: true });
  });

  it('gives every invocation its own request and internal', async () => {
    const internals: unknown[] = [];
    const handler = lambda(async () => 1).use({ before: (request) => void internals.push(request.internal) });
    await handler({}, context);
    await handler({}, context);
    expect(internals[0]).not.toBe(internals[1]);
  });

  it('passes a handler written for Middy its { signal } as the third argument', async () => {
    const handler = lambda(async (_event: unknown, _context: Context, { signal }) => signal.aborted);
    await expect(handler({}, context)).resolves.toBe(false);
  });
});

describe('early response', () => {
  it('ends the chain when a before hook returns a value: no handler, no after hooks', async () => {
    const log: string[] = [];
    const handler = lambda(async () => void log.push('handler'))
      .use(recorder('a', log))
      .use({ before: () => 'cached answer' })
      .use(recorder('c', log));
    await expect(handler({}, context)).resolves.toBe('cached answer');
    expect(log).toEqual(['a.before']);
  });

  it('ends the chain when a hook sets request.earlyResponse, even to undefined', async () => {
    let handlerRan = false;
    const handler = lambda(async () => {
      handlerRan = true;
      return 'late';
    }).use({
      before: (request) => {
        request.earlyResponse = undefined;
      },
    });
    await expect(handler({}, context)).resolves.toBeUndefined();
    expect(handlerRan).toBe(false);
  });

  it('still runs the cleanups middlewares registered, after an early response', async () => {
    const cleaned: string[] = [];
    const handler = lambda(async () => 'handler')
      .use({
        before: (request) => registerCleanup(request, 'metrics', () => void cleaned.push('metrics flushed')),
        after: () => void cleaned.push('after should not run'),
      })
      .use({
        before: (request) => {
          // Powertools' middlewares store their cleanup under these keys.
          request.internal['powertools.logger'] = async () => void cleaned.push('powertools logger');
          return { statusCode: 304 };
        },
      });
    await expect(handler({}, context)).resolves.toEqual({ statusCode: 304 });
    expect(cleaned).toEqual(['metrics flushed', 'powertools logger']);
  });

  it('stops the remaining after hooks when an after hook answers early, then cleans up', async () => {
    const log: string[] = [];
    const handler = lambda(async () => 'handler')
      .use({ after: () => void log.push('outer.after') })
      .use({ after: () => 'replaced', before: (r) => registerCleanup(r, 'x', () => void log.push('cleanup')) });
    await expect(handler({}, context)).resolves.toBe('replaced');
    expect(log).toEqual(['cleanup']);
  });
});

describe('errors', () => {
  it('runs onError hooks in reverse order and returns the response one of them sets', async () => {
    const log: string[] = [];
    const handler = lambda(async (): Promise<unknown> => {
      throw new Error('boom');
    })
      .use({ onError: (request) => void (request.response = { statusCode: 500, error: (request.error as Error).message }) })
      .use(recorder('b', log));
    await expect(handler({}, context)).resolves.toEqual({ statusCode: 500, error: 'boom' });
    expect(log).toEqual(['b.before', 'b.onError']);
  });

  it('rethrows the error when no onError hook produced a response', async () => {
    const handler = lambda(async () => {
      throw new Error('unhandled');
    }).use({ onError: () => undefined });
    await expect(handler({}, context)).rejects.toThrow('unhandled');
  });

  it('sends before-hook and after-hook errors through onError', async () => {
    const seen: string[] = [];
    const failing = (where: string): Middleware => ({
      [where]: () => {
        throw new Error(where);
      },
    });
    for (const where of ['before', 'after']) {
      const handler = lambda(async () => 'ok')
        .use({ onError: (request) => void seen.push((request.error as Error).message) })
        .use(failing(where));
      await expect(handler({}, context)).rejects.toThrow(where);
    }
    expect(seen).toEqual(['before', 'after']);
  });

  it('chains the handled error as cause when an onError hook throws a new one', async () => {
    const original = new Error('database down');
    const handler = lambda(async () => {
      throw original;
    }).use({
      onError: () => {
        throw new Error('could not render the error page');
      },
    });
    const error = await handler({}, context).catch((e: unknown) => e);
    expect((error as Error).message).toBe('could not render the error page');
    expect((error as Error).cause).toBe(original);
  });

  it('does not make an error its own cause when an onError hook rethrows it', async () => {
    const original = new Error('same');
    const handler = lambda(async () => {
      throw original;
    }).use({
      onError: (request) => {
        throw request.error;
      },
    });
    const error = await handler({}, context).catch((e: unknown) => e);
    expect(error).toBe(original);
    expect(original.cause).toBeUndefined();
  });

  it('keeps an existing cause on the error an onError hook throws', async () => {
    const root = new Error('root');
    const handler = lambda(async () => {
      throw new Error('first');
    }).use({
      onError: () => {
        throw new Error('second', { cause: root });
      },
    });
    const error = (await handler({}, context).catch((e: unknown) => e)) as Error;
    expect(error.cause).toBe(root);
  });

  it('rejects things that are not middlewares with a clear error', () => {
    const handler = lambda(async () => 1);
    expect(() => handler.use({} as Middleware)).toThrow(InvalidMiddlewareError);
    expect(() => handler.use({ name: 'empty' } as Middleware)).toThrow(/"empty" has none of before/);
    expect(() => handler.use(null as unknown as Middleware)).toThrow(/got null/);
    expect(() => handler.use({ before: 'nope' } as unknown as Middleware)).toThrow(/before must be a function/);
  });
});

describe('.handler() and init hooks', () => {
  it('builds a chain first and sets the handler later', async () => {
    const handler = lambda<{ name: string }, string>()
      .use({ before: (request) => void ((request.context as Context & { greeting: string }).greeting = 'hello') })
      .handler(async (event, ctx) => `${(ctx as Context & { greeting: string }).greeting} ${event.name}`);
    await expect(handler({ name: 'thaw' }, { ...context })).resolves.toBe('hello thaw');
  });

  it('fails clearly when invoked without a handler', async () => {
    await expect(lambda()({}, context)).rejects.toThrow(MissingHandlerError);
    expect(() => lambda().handler('x' as never)).toThrow(/expects a function/);
  });

  it('starts init hooks at use() time and awaits them before the first invocation', async () => {
    const log: string[] = [];
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const handler = lambda(async () => void log.push('handler')).use({
      init: async () => {
        log.push('init started');
        await ready;
        log.push('init done');
      },
      before: () => void log.push('before'),
    });
    await Promise.resolve();
    expect(log).toEqual(['init started']);
    const invocation = handler({}, context);
    release();
    await invocation;
    await handler({}, context);
    expect(log).toEqual(['init started', 'init done', 'before', 'handler', 'before', 'handler']);
  });

  it('fails the invocation when an init hook fails, and runs it again on the next one', async () => {
    let tries = 0;
    const handler = lambda(async () => 'ok').use({
      init: async () => {
        tries++;
        if (tries === 1) throw new Error('config service unavailable');
      },
    });
    await expect(handler({}, context)).rejects.toThrow('config service unavailable');
    await expect(handler({}, context)).resolves.toBe('ok');
    expect(tries).toBe(2);
  });
});
