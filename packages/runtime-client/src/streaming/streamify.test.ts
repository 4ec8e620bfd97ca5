import { afterEach, describe, expect, it } from 'vitest';
import { installAwsLambdaGlobal } from './global.js';
import { HttpResponseStream } from './http-response-stream.js';
import { isStreamingHandler, streamingMarkOf } from './marker.js';
import { streamifyResponse } from './streamify.js';

describe('streamifyResponse', () => {
  it('marks the handler with the official symbol and returns the same function', () => {
    const handler = async () => {};
    expect(streamifyResponse(handler)).toBe(handler);
    expect((handler as unknown as Record<symbol, unknown>)[Symbol.for('aws.lambda.runtime.handler.streaming')]).toBe('response');
    expect(streamingMarkOf(handler)).toEqual({});
  });

  it('records highWaterMark where the official runtime looks for it', () => {
    const handler = streamifyResponse(async () => {}, { highWaterMark: 1024 });
    expect((handler as unknown as Record<symbol, unknown>)[Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark')]).toBe(1024);
    expect(streamingMarkOf(handler)).toEqual({ highWaterMark: 1024 });
  });

  it('recognises a handler marked by another tool', () => {
    const foreign = Object.assign(async () => {}, { [Symbol.for('aws.lambda.runtime.handler.streaming')]: 'response' });
    expect(isStreamingHandler(foreign)).toBe(true);
    expect(isStreamingHandler(async () => {})).toBe(false);
  });

  it('refuses a non-function with a message saying what it expects', () => {
    expect(() => streamifyResponse('index.handler' as never)).toThrow(/expects the handler function \(event, responseStream, context\), got string/);
  });

  it('refuses a highWaterMark that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, '16k']) {
      expect(() => streamifyResponse(async () => {}, { highWaterMark: bad as number })).toThrow(/highWaterMark must be a positive whole number of bytes/);
    }
  });
});

describe('the awslambda global', () => {
  const scope = globalThis as { awslambda?: Record<string, unknown> };
  afterEach(() => void delete scope.awslambda);

  it('installs streamifyResponse and HttpResponseStream, keeping what was there', () => {
    scope.awslambda = { fromALayer: 1 };
    installAwsLambdaGlobal({});
    expect(scope.awslambda).toEqual({ fromALayer: 1, streamifyResponse, HttpResponseStream });
  });

  it('honours AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA', () => {
    installAwsLambdaGlobal({ AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA: 'true' });
    expect(scope.awslambda).toBeUndefined();
  });
});
