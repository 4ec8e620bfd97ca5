import { describe, expect, it } from 'vitest';
import { parseHandlerName } from './handler-name.js';

describe('parseHandlerName', () => {
  it.each([
    ['index.handler', 'index', ['handler']],
    ['src/app.handlers.get', 'src/app', ['handlers', 'get']],
    ['a/b.c/d.e.f', 'a/b.c/d', ['e', 'f']],
    ['@scope/pkg.handler', '@scope/pkg', ['handler']],
  ])('splits %s', (name, module, exportPath) => {
    expect(parseHandlerName(name)).toEqual({ module, exportPath });
  });

  it.each([
    ['index', /names no export/],
    ['../escape.handler', /must not contain "\.\."/],
    ['.handler', /module or an export name is empty/],
    ['index.', /module or an export name is empty/],
    ['index..x', /must not contain/],
  ])('refuses %s as Runtime.MalformedHandlerName', (name, message) => {
    expect(() => parseHandlerName(name)).toThrow(message);
    try {
      parseHandlerName(name);
    } catch (error) {
      expect((error as Error).name).toBe('Runtime.MalformedHandlerName');
      expect((error as Error).message).toContain(`'${name}'`);
    }
  });
});
