import { describe, expect, it } from 'vitest';
import { errorTypeHeader, serializeErrorBody, toErrorBody } from './error-body.js';
import { xrayCause } from './xray-cause.js';

describe('toErrorBody', () => {
  it('is exactly {errorType, errorMessage, trace}, as the official client sends it: no cause', () => {
    const error = new TypeError('outer', { cause: new Error('inner') });
    const body = toErrorBody(error);
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body.errorType).toBe('TypeError');
    expect(body.errorMessage).toBe('outer');
    expect(body.trace[0]).toBe('TypeError: outer');
  });

  it('writes DEL as %7F, as the official client does', () => {
    const error = new Error('a\x7fb');
    error.name = 'Bad\x7fName';
    const body = toErrorBody(error);
    expect(body.errorType).toBe('Bad%7FName');
    expect(body.errorMessage).toBe('a%7Fb');
    expect(body.trace[0]).toBe('Bad%7FName: a%7Fb');
  });

  it('turns non-Errors into typeof + String(value), and survives hostile values', () => {
    expect(toErrorBody('text')).toEqual({ errorType: 'string', errorMessage: 'text', trace: [] });
    expect(toErrorBody(42)).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
    expect(toErrorBody(undefined)).toEqual({ errorType: 'undefined', errorMessage: 'undefined', trace: [] });
    expect(toErrorBody(Object.create(null)).errorType).toBe('object');
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'name', { get: () => { throw new Error('no'); } });
    expect(toErrorBody(hostile).errorType).toBe('Error');
  });

  it('keeps error bodies under 1 MiB', () => {
    const huge = new Error('m'.repeat(3 * 1024 * 1024));
    const bytes = serializeErrorBody(toErrorBody(huge));
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(JSON.parse(bytes.toString()).errorMessage).toMatch(/truncated/);
  });
});

describe('errorTypeHeader', () => {
  it.each([
    ['Runtime.HandlerNotFound', 'Runtime.HandlerNotFound'],
    ['Function.ResponseSizeTooLarge', 'Function.ResponseSizeTooLarge'],
    ['TypeError', 'Function.TypeError'],
    ['string', 'Function.String'],
    ['my-error_2', 'Function.Myerror'],
    ['???', 'Function.Unhandled'],
  ])('%s -> %s', (type, header) => {
    expect(errorTypeHeader(type)).toBe(header);
    expect(header).toMatch(/^(Runtime|Function)\.[A-Z][a-zA-Z]+$/);
  });
});

describe('xrayCause', () => {
  it('is compact JSON with parsed frames and paths', () => {
    const body = { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at handler (/var/task/index.js:3:9)', '    at /var/task/lib.js:10:2'] };
    const cause = JSON.parse(xrayCause(body, '/var/task'));
    expect(cause).toEqual({
      working_directory: '/var/task',
      exceptions: [{ type: 'Error', message: 'boom', stack: [{ path: '/var/task/index.js', line: 3, label: 'handler' }, { path: '/var/task/lib.js', line: 10, label: 'anonymous' }] }],
      paths: ['/var/task/index.js', '/var/task/lib.js'],
    });
  });

  it('stays within 64 KiB and ASCII whatever the error', () => {
    const trace = ['Error: x', ...Array.from({ length: 5000 }, (_, i) => `    at f${i} (/var/task/file-${i}.js:${i}:1)`)];
    const text = xrayCause({ errorType: 'Error', errorMessage: 'é'.repeat(200_000), trace }, '/var/task');
    expect(text.length).toBeLessThanOrEqual(64 * 1024);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text).exceptions[0].type).toBe('Error');
  });
});
