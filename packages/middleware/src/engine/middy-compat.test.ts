import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { initCache } from '../init-cache/init-cache.js';
import { initCacheMiddleware } from '../init-cache/middleware.js';
import { registerCleanup, runCleanups } from './cleanup.js';
import { lambda } from './lambda.js';
import type { Middleware } from './types.js';

const context = (): Context => ({ awsRequestId: 'req', getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;
const silent = { logger: false as const };

function apiEvent(body: string | undefined, contentType = 'application/json'): APIGatewayProxyEvent {
  return { headers: { 'Content-Type': contentType }, body, isBase64Encoded: false } as unknown as APIGatewayProxyEvent;
}

describe("Middy's middlewares under our engine, unchanged", () => {
  const handler = lambda(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const body = event.body as unknown as { name: string };
    return { statusCode: 200, body: `hello ${body.name}` };
  })
    .use(httpJsonBodyParser())
    .use(httpErrorHandler(silent));

  it('parses a JSON body before the handler', async () => {
    await expect(handler(apiEvent('{"name":"thaw"}'), context())).resolves.toEqual({
      statusCode: 200,
      body: 'hello thaw',
    });
  });

  it('turns malformed JSON into a 422 through http-error-handler', async () => {
    const response = await handler(apiEvent('{not json'), context());
    expect(response.statusCode).toBe(422);
    expect(response.body).toBe('Invalid or malformed JSON was provided');
  });

  it('turns a wrong content type into a 415', async () => {
    const response = await handler(apiEvent('x', 'text/plain'), context());
    expect(response.statusCode).toBe(415);
  });

  it('answers 500 with no detail for a non-HTTP error', async () => {
    const failing = lambda(async (): Promise<APIGatewayProxyResult> => {
      throw new Error('internal detail');
    }).use(httpErrorHandler(silent));
    const response = await failing(apiEvent('{}'), context());
    expect(response.statusCode).toBe(500);
    expect(JSON.stringify(response)).not.toContain('internal detail');
  });
});

describe('our middlewares under the real @middy/core 7, unchanged', () => {
  it('runs a thaw middleware with the same order and early-response semantics', async () => {
    const log: string[] = [];
    const ours: Middleware = {
      before: (request) => void log.push(`before ${typeof request.internal}`),
      after: (request) => void (request.response = `${String(request.response)} + after`),
      onDeadline: () => void log.push('never called by middy'),
    };
    const handler = middy(async () => 'handler').use(ours);
    await expect(handler({}, context())).resolves.toBe('handler + after');
    expect(log).toEqual(['before object']);
  });

  it('puts init-cache values on context and internal under Middy', async () => {
    const cache = initCache({ region: () => 'eu-west-1', limits: async () => ({ max: 3 }) }, { name: 'middy-compat' });
    const handler = middy(async (_event: unknown, ctx: Context & { region?: string; limits?: { max: number } }) => ({
      region: ctx.region,
      max: ctx.limits?.max,
    })).use(initCacheMiddleware(cache));
    await expect(handler({}, context())).resolves.toEqual({ region: 'eu-west-1', max: 3 });
  });

  it('lets a middleware that answers early under Middy run the cleanups itself', async () => {
    const cleaned: string[] = [];
    const handler = middy(async () => 'handler')
      .use({ before: (request) => registerCleanup(request, 'flush', () => void cleaned.push('flushed')) })
      .use({
        before: async (request) => {
          await runCleanups(request);
          return 'early';
        },
      });
    await expect(handler({}, context())).resolves.toBe('early');
    expect(cleaned).toEqual(['flushed']);
  });

  it('gives the same onError cause chaining in both engines', async () => {
    const original = new Error('first');
    const mw: Middleware = {
      onError: () => {
        throw new Error('second');
      },
    };
    const ours = await lambda(async () => Promise.reject(original)).use(mw)({}, context()).catch((e: Error) => e);
    const theirs = await middy(async () => Promise.reject(original)).use(mw)({}, context()).catch((e: Error) => e);
    expect((ours as Error).cause).toBe(original);
    expect((theirs as Error).cause).toBe(original);
  });
});
