import { HttpResponseStream } from './http-response-stream.js';
import { streamifyResponse } from './streamify.js';

/**
 * Installs `globalThis.awslambda = { streamifyResponse, HttpResponseStream }` as the
 * platform does, keeping anything else a layer already put there.
 * AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA=1|true skips it, as on the platform.
 */
export function installAwsLambdaGlobal(env: NodeJS.ProcessEnv): void {
  const optOut = env['AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA'];
  if (optOut === '1' || optOut === 'true') return;
  const scope = globalThis as { awslambda?: Record<string, unknown> };
  scope.awslambda = { ...scope.awslambda, streamifyResponse, HttpResponseStream };
}
