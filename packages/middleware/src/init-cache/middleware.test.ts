import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambda } from '../engine/lambda.js';
import { InvalidCacheOptionError } from './errors.js';
import { initCache } from './init-cache.js';
import { initCacheMiddleware } from './middleware.js';

const context = (): Context => ({ awsRequestId: 'req', functionName: 'fn' }) as Context;

describe('initCacheMiddleware under our engine', () => {
  it('puts each key on context and request.internal', async () => {
    const cache = initCache({ tableName: () => 'orders', limit: async () => 10 });
    let internal: Record<string, unknown> | undefined;
    const handler = lambda(async (_event: unknown, ctx: Context & { tableName?: string; limit?: number }) => [
      ctx.tableName,
      ctx.limit,
    ])
      .use({ after: (request) => void (internal = { ...request.internal }) })
      .use(initCacheMiddleware(cache));
    await expect(handler({}, context())).resolves.toEqual(['orders', 10]);
    expect(internal).toMatchObject({ tableName: 'orders', limit: 10 });
  });

  it('puts the values under one context property with contextKey, typed for .handler()', async () => {
    const cache = initCache({ region: () => 'eu-north-1' });
    const handler = lambda()
      .use(initCacheMiddleware(cache, { contextKey: 'config' }))
      .handler(async (_event, ctx) => ctx.config.region);
    await expect(handler({}, context())).resolves.toBe('eu-north-1');
  });

  it('settles a stale-while-refresh refresh before the response is returned', async () => {
    let time = 0;
    let calls = 0;
    let refreshDone = false;
    const cache = initCache(
      {
        rate: {
          load: async () => {
            calls++;
            if (calls > 1) {
              await new Promise((resolve) => setTimeout(resolve, 5));
              refreshDone = true;
            }
            return calls;
          },
          ttlMs: 10,
          refresh: 'stale-while-refresh',
        },
      },
      { now: () => time },
    );
    const handler = lambda(async (_e: unknown, ctx: Context & { rate?: number }) => ctx.rate).use(initCacheMiddleware(cache));
    await expect(handler({}, context())).resolves.toBe(1);
    time = 10;
    await expect(handler({}, context())).resolves.toBe(1); // stale served at once
    expect(refreshDone).toBe(true); // but the refresh finished before the response
    expect(cache.busy).toBe(false);
    await expect(handler({}, context())).resolves.toBe(2);
  });

  it('settles refreshes after an early response too', async () => {
    let time = 0;
    let release!: () => void;
    let calls = 0;
    const cache = initCache(
      {
        v: {
          load: () => (++calls === 1 ? 'v1' : new Promise<string>((resolve) => (release = () => resolve('v2')))),
          ttlMs: 10,
          refresh: 'stale-while-refresh',
        },
      },
      { now: () => time },
    );
    const handler = lambda(async () => 'handler').use(initCacheMiddleware(cache)).use({ before: () => 'early' });
    await handler({}, context());
    time = 10;
    const response = handler({}, context());
    let answered = false;
    void response.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered).toBe(false); // waiting for the refresh
    release();
    await expect(response).resolves.toBe('early');
  });

  it('fails the invocation with the cache error when a load fails and there is no value', async () => {
    const cache = initCache({ k: { load: () => Promise.reject(new Error('nope')), retry: { attempts: 1 } } });
    const handler = lambda(async () => 'unreachable').use(initCacheMiddleware(cache));
    await expect(handler({}, context())).rejects.toThrow(/could not load "k"/);
  });

  it('refuses keys that would overwrite Lambda context properties', () => {
    const cache = initCache({ functionName: () => 'x' });
    expect(() => initCacheMiddleware(cache)).toThrow(InvalidCacheOptionError);
    expect(() => initCacheMiddleware(cache, { contextKey: 'awsRequestId' })).toThrow(/contextKey/);
    expect(() => initCacheMiddleware(cache, { contextKey: 'values' })).not.toThrow();
  });
});

describe('initCache in a plain handler, without the engine', () => {
  it('is awaited inside the handler and reused across invocations', async () => {
    let loads = 0;
    const config = initCache({ greeting: async () => `hello #${++loads}` });
    const handler = async (event: { name: string }): Promise<string> => {
      const { greeting } = await config.getAll();
      return `${greeting} ${event.name}`;
    };
    await expect(handler({ name: 'a' })).resolves.toBe('hello #1 a');
    await expect(handler({ name: 'b' })).resolves.toBe('hello #1 b');
    expect(loads).toBe(1);
  });
});
