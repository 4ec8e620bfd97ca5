import { describe, expect, it } from 'vitest';
import { explanationOf } from './explanation.js';
import { parseHandlerName } from './handler-name.js';

describe('parseHandlerName', () => {
  it.each([
    ['index.handler', 'index', ['handler']],
    ['src/app.handlers.get', 'src/app', ['handlers', 'get']],
    ['a/b.c/d.e.f', 'a/b.c/d', ['e', 'f']],
    ['@scope/pkg.handler', '@scope/pkg', ['handler']],
    ['index.', 'index', ['']],
  ])('splits %s', (name, module, exportPath) => {
    expect(parseHandlerName(name)).toEqual({ module, exportPath });
  });

  // The official client's messages, verbatim; our advice is attached as an explanation.
  it.each([
    ['index', 'Bad handler', /names no export/],
    ['.handler', 'Bad handler', /names no module/],
    ['../escape.handler', "'../escape.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.", /must not contain/],
    ['index..x', "'index..x' is not a valid handler name. Use absolute paths when specifying root directories in handler names.", /must not contain/],
  ])('refuses %s as Runtime.MalformedHandlerName', (name, message, explanation) => {
    let caught: unknown;
    try {
      parseHandlerName(name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('Runtime.MalformedHandlerName');
    expect((caught as Error).message).toBe(message);
    expect(explanationOf(caught)).toMatch(explanation);
  });
});
