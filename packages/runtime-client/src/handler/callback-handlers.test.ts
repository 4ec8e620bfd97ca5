import { describe, expect, it } from 'vitest';
import { streamifyResponse } from '../streaming/streamify.js';
import { refuseCallbackHandler } from './callback-handlers.js';

describe('refuseCallbackHandler', () => {
  it('refuses a handler declaring three parameters, with the message for the Node.js version', () => {
    const callbackStyle = (_event: unknown, _context: unknown, _callback: unknown) => undefined;
    expect(() => refuseCallbackHandler(callbackStyle, 'index.handler', 24)).toThrow(expect.objectContaining({ name: 'Runtime.CallbackHandlerDeprecated', message: expect.stringMatching(/removed support for callback-based function handlers starting with Node\.js 24/) }));
    expect(() => refuseCallbackHandler(callbackStyle, 'index.handler', 22)).toThrow(/when using Node\.js 22 with Managed Instances/);
  });

  it('accepts handlers of two parameters or fewer, and streaming handlers', () => {
    expect(() => refuseCallbackHandler(async (_event: unknown, _context: unknown) => 1, 'index.handler', 24)).not.toThrow();
    expect(() => refuseCallbackHandler(() => 1, 'index.handler', 24)).not.toThrow();
    expect(() => refuseCallbackHandler(streamifyResponse(async (_event: unknown, _stream: unknown, _context: unknown) => undefined) as never, 'index.handler', 24)).not.toThrow();
  });
});
