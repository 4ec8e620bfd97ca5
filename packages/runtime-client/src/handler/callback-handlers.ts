// Callback-style handlers, `(event, context, callback)`, and the context members that go
// with them (done, succeed, fail, callbackWaitsForEmptyEventLoop) belong to the platform's
// Node.js 20 and 22 runtimes. From Node.js 24 on, and on Managed Instances whatever the
// version, the platform runs only handlers that return their result (or a promise of it),
// and refuses a callback-style handler at init. The bootstrap follows the Node.js it runs
// on, so a function behaves as it will on the managed runtime of the same version.
import { isStreamingHandler } from '../streaming/marker.js';
import { CallbackHandlerDeprecatedError } from './errors.js';
import { explained } from './explanation.js';

/** Whether this runtime runs callback-style handlers (and gives the context its legacy members). */
export function callbackHandlersSupported(nodeMajor: number, managedInstances: boolean): boolean {
  return nodeMajor < 24 && !managedInstances;
}

// The platform's messages, verbatim: callers compare them.
const REMOVED_FROM_NODE_24 =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
const NOT_ON_MANAGED_INSTANCES_NODE_22 =
  'ERROR: AWS Lambda does not support callback-based function handlers when using Node.js 22 with Managed Instances. To use Managed Instances, modify this function to use a supported handler signature. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/**
 * Throws the platform's init error for a callback-style handler where those are gone. As on
 * the platform, "callback-style" means declaring three or more parameters; a streaming
 * handler's are (event, responseStream, context) and are fine.
 */
export function refuseCallbackHandler(handler: (...args: never[]) => unknown, handlerName: string, nodeMajor: number): void {
  if (handler.length < 3 || isStreamingHandler(handler)) return;
  // The platform picks the Node.js 22 text for anything below 24: Managed Instances start at 22.
  const error = new CallbackHandlerDeprecatedError(nodeMajor >= 24 ? REMOVED_FROM_NODE_24 : NOT_ON_MANAGED_INSTANCES_NODE_22);
  throw explained(
    error,
    `${handlerName} declares ${handler.length} parameters, so it counts as a callback handler. Make it \`async (event, context) => result\` (or return a promise) and drop the callback; a streaming handler goes through awslambda.streamifyResponse.`,
  );
}
