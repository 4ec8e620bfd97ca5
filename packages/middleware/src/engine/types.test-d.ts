import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyHandler,
  APIGatewayProxyResult,
  Context,
  Handler,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda';
import type { Writable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import { initCache } from '../init-cache/init-cache.js';
import { initCacheMiddleware } from '../init-cache/middleware.js';
import { lambda, type LambdaHandler, type StreamingLambdaHandler } from './lambda.js';
import type { Middleware } from './types.js';

describe('event and result types through lambda() and .use()', () => {
  it('takes them from an @types/aws-lambda handler type', () => {
    const apiHandler: APIGatewayProxyHandler = async () => ({ statusCode: 200, body: 'ok' });
    const wrapped = lambda(apiHandler).use({
      before: (request) => {
        expectTypeOf(request.event).toEqualTypeOf<APIGatewayProxyEvent>();
      },
      after: (request) => {
        expectTypeOf(request.response).toEqualTypeOf<APIGatewayProxyResult | undefined>();
      },
    });
    expectTypeOf(wrapped).toEqualTypeOf<LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>>();
    expectTypeOf(wrapped).toMatchTypeOf<Handler<APIGatewayProxyEvent, APIGatewayProxyResult>>();
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<APIGatewayProxyResult>>();
  });

  it('takes them from an annotated async handler', () => {
    const wrapped = lambda(async (event: SQSEvent) => event.Records.length);
    expectTypeOf(wrapped).parameter(0).toEqualTypeOf<SQSEvent>();
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<number>>();
    const sqs: SQSHandler = async () => undefined;
    expectTypeOf(lambda(sqs)).parameter(0).toEqualTypeOf<SQSEvent>();
  });

  it('keeps them through a chain of several .use() calls', () => {
    const wrapped = lambda(async (event: SQSEvent) => event.Records.length)
      .use({ before: () => undefined })
      .use([{ after: () => undefined }, { onError: () => undefined }]);
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<number>>();
  });

  it('refuses a middleware typed for another event', () => {
    const sqsOnly: Middleware<SQSEvent> = { before: () => undefined };
    const apiOnly = lambda(async (event: APIGatewayProxyEvent) => event.path);
    // @ts-expect-error an SQS middleware cannot read an API Gateway event
    apiOnly.use(sqsOnly);
  });

  it("accepts Middy's own middlewares", () => {
    const wrapped = lambda(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
      statusCode: 200,
      body: String(event.body),
    }))
      .use(httpJsonBodyParser())
      .use(httpErrorHandler());
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<APIGatewayProxyResult>>();
  });

  it('gives the handler its abort signal', () => {
    lambda(async (_event: unknown, _context: Context, tools) => {
      expectTypeOf(tools.signal).toEqualTypeOf<AbortSignal>();
    });
  });

  it('keeps streaming handlers streaming', () => {
    const streaming = lambda(
      awslambda.streamifyResponse(async (event: { id: string }, stream) => {
        stream.end(event.id);
      }),
    );
    expectTypeOf(streaming).toMatchTypeOf<StreamingLambdaHandler<{ id: string }, void>>();
    expectTypeOf(streaming).parameter(1).toEqualTypeOf<Writable>();
  });
});

describe('context additions and the init cache', () => {
  it('types what initCacheMiddleware puts on context for a handler set with .handler()', () => {
    const cache = initCache({ table: () => 'orders', limits: async () => ({ max: 3 }) });
    lambda<SQSEvent, void>()
      .use(initCacheMiddleware(cache))
      .handler(async (event, context) => {
        expectTypeOf(event).toEqualTypeOf<SQSEvent>();
        expectTypeOf(context.table).toEqualTypeOf<string>();
        expectTypeOf(context.limits).toEqualTypeOf<{ max: number }>();
        expectTypeOf(context.awsRequestId).toEqualTypeOf<string>();
      });
    lambda()
      .use(initCacheMiddleware(cache, { contextKey: 'config' }))
      .handler(async (_event, context) => {
        expectTypeOf(context.config).toEqualTypeOf<{ table: string; limits: { max: number } }>();
      });
  });

  it('types each key of an init cache', () => {
    const cache = initCache({ n: () => 1, s: { load: async () => 'x', ttlMs: 1_000 } });
    expectTypeOf(cache.get('n')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(cache.getAll()).toEqualTypeOf<Promise<{ n: number; s: string }>>();
    // @ts-expect-error not a declared key
    void cache.get('missing');
  });
});
