import { describe, expect, it } from 'vitest';
import { createContext, deadlineFrom } from './context.js';

const info = { functionName: 'f', functionVersion: '1', memoryLimitInMB: '128', logGroupName: '/aws/lambda/f', logStreamName: 's' };

describe('createContext', () => {
  it('has no done, succeed, fail or callbackWaitsForEmptyEventLoop where callback handlers are gone', () => {
    const context = createContext('r', {}, Date.now() + 1000, info, undefined, () => undefined);
    for (const member of ['done', 'succeed', 'fail', 'callbackWaitsForEmptyEventLoop']) expect(member in context, member).toBe(false);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('fills every field from the headers and the function info', () => {
    const calls: unknown[][] = [];
    const warnings: string[] = [];
    const headers = {
      'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:1:function:f',
      'lambda-runtime-trace-id': 'Root=1-a',
      'lambda-runtime-aws-tenant-id': 't1',
      'lambda-runtime-client-context': '{"custom":{"a":1}}',
      'lambda-runtime-cognito-identity': '{"cognitoIdentityId":"id"}',
    };
    const context = createContext('req-1', headers, Date.now() + 1000, info, { done: (...args) => void calls.push(args) }, (m) => void warnings.push(m));
    expect(context).toMatchObject({ awsRequestId: 'req-1', functionName: 'f', memoryLimitInMB: '128', xRayTraceId: 'Root=1-a', tenantId: 't1' });
    expect(context.callbackWaitsForEmptyEventLoop).toBe(true);
    expect(context.clientContext).toEqual({ custom: { a: 1 } });
    expect(context.identity).toEqual({ cognitoIdentityId: 'id' });
    const remaining = context.getRemainingTimeInMillis();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(1000);
    context.succeed('r');
    context.fail(undefined as never);
    context.done(new Error('e'));
    expect(calls).toEqual([[null, 'r'], ['handled'], [new Error('e'), undefined]]);
    expect(warnings).toEqual([]);
  });

  it('leaves malformed client context / identity undefined and warns without echoing the content', () => {
    const warnings: string[] = [];
    const headers = { 'lambda-runtime-client-context': '{secret-ish', 'lambda-runtime-cognito-identity': 'nope' };
    const context = createContext('r', headers, Date.now() + 1000, info, { done: () => undefined }, (m) => void warnings.push(m));
    expect(context.clientContext).toBeUndefined();
    expect(context.identity).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/Lambda-Runtime-Cognito-Identity header .* not valid JSON .*context\.identity/);
    expect(warnings.join()).not.toContain('secret-ish');
    expect(context.tenantId).toBeUndefined();
    expect(context.xRayTraceId).toBeUndefined();
  });

  it('has the official 4.x keys in its order, so a returned context serialises the same', () => {
    const headers = { 'lambda-runtime-invoked-function-arn': 'arn:f' };
    const context = createContext('r', headers, Date.now() + 1000, info, { done: () => undefined }, () => undefined);
    expect(Object.keys(context).slice(0, 12)).toEqual([
      'clientContext', 'identity', 'invokedFunctionArn', 'awsRequestId', 'tenantId', 'xRayTraceId',
      'getRemainingTimeInMillis', 'functionName', 'functionVersion', 'memoryLimitInMB', 'logGroupName', 'logStreamName',
    ]);
    expect(JSON.stringify(context)).toBe(
      '{"invokedFunctionArn":"arn:f","awsRequestId":"r","functionName":"f","functionVersion":"1","memoryLimitInMB":"128","logGroupName":"/aws/lambda/f","logStreamName":"s"}',
    );
    context.callbackWaitsForEmptyEventLoop = false;
    expect(context.callbackWaitsForEmptyEventLoop).toBe(false);
  });

  it('assumes the longest Lambda timeout when the deadline header is missing or bad', () => {
    expect(deadlineFrom({}, 1000)).toBe(1000 + 900_000);
    expect(deadlineFrom({ 'lambda-runtime-deadline-ms': 'x' }, 1000)).toBe(901_000);
    expect(deadlineFrom({ 'lambda-runtime-deadline-ms': '5000' }, 1000)).toBe(5000);
  });
});
