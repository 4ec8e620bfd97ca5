import { endInvocation, raceDeadline } from './deadline.js';
import { hasCleanups, runCleanups } from './cleanup.js';
import { settleInit, type Pipeline } from './pipeline.js';
import type { InvocationRequest } from './request.js';
import { sendResponseValue } from './streaming.js';

/**
 * One invocation through the chain, with Middy 7's semantics: before hooks in order, the
 * handler, after hooks (stored reversed); on any throw, the onError hooks (stored reversed).
 * A hook that returns a value, or sets `request.earlyResponse`, ends its phase with that
 * response, and the cleanups middlewares left in `request.internal` then run.
 *
 * Hot-path rules: a hook's result is awaited only when it is a promise, so synchronous
 * hooks cost a call and a comparison; no closure or AbortController is created per call.
 */
export async function runInvocation(pipeline: Pipeline, request: InvocationRequest<any, any, any>): Promise<unknown> {
  try {
    if (pipeline.pendingInit !== undefined) await settleInit(pipeline);
    if (pipeline.policy.hooks.length > 0) request.startDeadlineTimer();
    try {
      chain: {
        const before = pipeline.before;
        for (let i = 0; i < before.length; i++) {
          let result = before[i]!(request);
          if (result instanceof Promise) result = await result;
          if (result !== undefined) request.earlyResponse = result;
          if ('earlyResponse' in request) {
            request.response = request.earlyResponse;
            await cleanUpAfterEarlyResponse(request);
            break chain;
          }
        }

        let result = pipeline.streaming
          ? pipeline.handler(request.event, request.responseStream, request.context, request)
          : pipeline.handler(request.event, request.context, request);
        if (result instanceof Promise) {
          result = await (pipeline.policy.failInvocation ? raceDeadline(result, request) : result);
        }
        request.response = result;

        const after = pipeline.after;
        for (let i = 0; i < after.length; i++) {
          let hookResult = after[i]!(request);
          if (hookResult instanceof Promise) hookResult = await hookResult;
          if (hookResult !== undefined) request.earlyResponse = hookResult;
          if ('earlyResponse' in request) {
            request.response = request.earlyResponse;
            await cleanUpAfterEarlyResponse(request);
            break chain;
          }
        }
      }
    } catch (error) {
      await handleError(pipeline, request, error);
    }
    if (pipeline.streaming) await sendResponseValue(request.responseStream!, request.response);
    return request.response;
  } finally {
    endInvocation(request);
  }
}

async function handleError(pipeline: Pipeline, request: InvocationRequest<any, any, any>, error: unknown): Promise<void> {
  request.response = undefined;
  delete request.earlyResponse;
  request.error = error;
  try {
    const onError = pipeline.onError;
    for (let i = 0; i < onError.length; i++) {
      let result = onError[i]!(request);
      if (result instanceof Promise) result = await result;
      if (result !== undefined) request.earlyResponse = result;
      if ('earlyResponse' in request) {
        request.response = request.earlyResponse;
        await cleanUpAfterEarlyResponse(request);
        break;
      }
    }
  } catch (hookError) {
    // An onError hook that throws a new error keeps the one it was handling as `cause`.
    // Rethrowing the same error must not make it its own cause.
    if (hookError !== request.error && typeof hookError === 'object' && hookError !== null) {
      const chained = hookError as { cause?: unknown };
      chained.cause ??= request.error;
    }
    request.error = hookError;
    throw hookError;
  }
  // No onError hook produced a response: the invocation fails with the (possibly replaced) error.
  if (request.response === undefined) throw request.error;
}

function cleanUpAfterEarlyResponse(request: InvocationRequest<any, any, any>): Promise<void> | undefined {
  return hasCleanups(request) ? runCleanups(request) : undefined;
}
