// Runs one invocation: decode the event, build the context, call the handler in the
// invocation's AsyncLocalStorage scope, and resolve with its outcome. Knows nothing of
// HTTP: the loop turns the outcome into Runtime API calls.
import type { Invocation } from '../api/runtime-api.js';
import type { StreamRequest } from '../api/transport.js';
import { streamingMarkOf, type StreamingMark } from '../streaming/marker.js';
import { Completion } from './completion.js';
import { createContext, deadlineFrom, type LambdaContext } from './context.js';
import { parseEvent } from './event.js';
import type { FunctionInfo } from './function-info.js';
import { REQUEST_ID, TENANT_ID, TRACE_ID } from './headers.js';
import type { Outcome } from './outcome.js';
import { runInInvocation, type InvocationInfo } from './store.js';
import { runStreamingHandler } from './streaming-adapter.js';
import type { StreamingHandler } from './streaming-port.js';

/**
 * Any function the runtime can call as a handler: async (returns a promise), callback-style
 * (calls `callback`; Node.js 20 and 22 only, never on Managed Instances: elsewhere such a
 * handler is refused at init and no callback is passed), or a streaming handler marked with
 * `streamifyResponse`.
 */
export type Handler = (event: unknown, context: LambdaContext, callback: (error?: unknown, result?: unknown) => void) => unknown;

export interface InvokeOptions {
  info: FunctionInfo;
  /** One loop in the process: callbackWaitsForEmptyEventLoop and _X_AMZN_TRACE_ID apply. */
  exclusive: boolean;
  /**
   * The handler may answer through a callback or context.done/succeed/fail (Node.js 20 and
   * 22). Otherwise it is called with (event, context) and what it returns is the answer.
   */
  callbackHandlers: boolean;
  /** Sets or clears _X_AMZN_TRACE_ID (the bootstrap owns process.env). */
  setTraceId: (traceId: string | undefined) => void;
  openStream: (requestId: string, contentType: string, extraHeaders?: Record<string, string>) => StreamRequest;
  warn: (message: string) => void;
}

export function invoke(handler: Handler, invocation: Invocation, options: InvokeOptions): Promise<Outcome> {
  const { requestId, headers } = invocation;
  const completion = new Completion(requestId, options.exclusive);
  const traceId = headers[TRACE_ID];
  if (options.exclusive) options.setTraceId(traceId);
  runInInvocation(scopeOf(invocation), start, handler, invocation, options, completion);
  return completion.promise;
}

/** The AsyncLocalStorage record of an invocation (what log lines are attributed to). */
export function scopeOf(invocation: Invocation): InvocationInfo {
  const { headers } = invocation;
  return { requestId: headers[REQUEST_ID] ?? invocation.requestId, tenantId: headers[TENANT_ID], traceId: headers[TRACE_ID] };
}

function start(handler: Handler, invocation: Invocation, options: InvokeOptions, completion: Completion): void {
  const legacy = options.callbackHandlers ? completion : undefined;
  const context = createContext(invocation.requestId, invocation.headers, deadlineFrom(invocation.headers, Date.now()), options.info, legacy, options.warn);
  completion.context = context;
  let event: unknown;
  try {
    event = parseEvent(invocation.body);
  } catch (error) {
    completion.failNow(error);
    return;
  }
  const mark = streamingMarkOf(handler);
  if (mark !== undefined) {
    startStreaming(handler as unknown as StreamingHandler, mark, event, context, invocation.requestId, options, completion);
    return;
  }
  let returned: unknown;
  try {
    returned = options.callbackHandlers ? handler(event, context, completion.callback) : (handler as TwoArgumentHandler)(event, context);
  } catch (error) {
    completion.failNow(error);
    return;
  }
  // A thenable settles the invocation. Anything else returned synchronously is the answer
  // where callback handlers are gone; where they exist it is ignored, as on the platform:
  // such a handler answers through the callback or context.done, or with null once the
  // event loop drains.
  if (returned !== null && typeof returned === 'object' && typeof (returned as PromiseLike<unknown>).then === 'function') {
    completion.follow(returned as PromiseLike<unknown>);
  } else if (!options.callbackHandlers) {
    completion.done(null, returned);
  }
}

type TwoArgumentHandler = (event: unknown, context: LambdaContext) => unknown;

function startStreaming(
  handler: StreamingHandler,
  mark: StreamingMark,
  event: unknown,
  context: LambdaContext,
  requestId: string,
  options: InvokeOptions,
  completion: Completion,
): void {
  let opened = false;
  const openResponse = (contentType: string, extraHeaders?: Record<string, string>): StreamRequest => {
    if (opened) throw new Error('The streamed response was already opened for this invocation.');
    opened = true;
    return options.openStream(requestId, contentType, extraHeaders);
  };
  runStreamingHandler({ handler, mark, event, context, openResponse }).then(
    () => completion.settle(STREAMED),
    (error: unknown) => {
      // Mid-stream, the adapter logged the failure before sending it in the trailers.
      if (!opened) completion.failNow(error);
      else completion.settle(STREAMED);
    },
  );
}

const STREAMED: Outcome = { kind: 'streamed' };
