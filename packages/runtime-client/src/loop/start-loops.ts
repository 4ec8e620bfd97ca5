// Starts the pollers: one, or AWS_LAMBDA_MAX_CONCURRENCY on Managed Instances. Each has
// its own connection; per-invocation state lives in AsyncLocalStorage, so one failing
// invocation never disturbs the others. A fatal error in any loop ends the process.
import { RuntimeApi } from '../api/runtime-api.js';
import type { FunctionInfo } from '../invocation/function-info.js';
import type { Handler, InvokeOptions } from '../invocation/invoke.js';
import { enterRunningPhase } from './process-events.js';
import type { NextPolicy } from './next-invocation.js';
import { trackPoller } from './polling.js';
import { runLoop, type InvocationObserver } from './run-loop.js';

export interface LoopSettings {
  host: string;
  port: number;
  userAgent: string;
  /** Loops in this thread. */
  concurrency: number;
  /** Retry policy and result delivery follow Managed Instances rules (several loops may live in other threads). */
  managedInstances: boolean;
  info: FunctionInfo;
  /** Callback-style handlers and the context's legacy members (see handler/callback-handlers.ts). */
  callbackHandlers: boolean;
  observer?: InvocationObserver;
  nextDelaysMs?: readonly number[];
  setTraceId: (traceId: string | undefined) => void;
}

export function startLoops(handler: Handler, settings: LoopSettings): Promise<never> {
  enterRunningPhase();
  const exclusive = settings.concurrency === 1 && !settings.managedInstances;
  const policy: NextPolicy = { managedInstances: settings.managedInstances, delaysMs: settings.nextDelaysMs };
  const loops: Promise<never>[] = [];
  for (let i = 0; i < settings.concurrency; i++) {
    const api = new RuntimeApi(settings.host, settings.port, settings.userAgent);
    trackPoller(api);
    const options: InvokeOptions = {
      info: settings.info,
      exclusive,
      callbackHandlers: settings.callbackHandlers,
      // Under concurrency one process variable cannot hold several trace ids:
      // context.xRayTraceId is the per-invocation source there.
      setTraceId: exclusive ? settings.setTraceId : ignoreTraceId,
      openStream: (requestId, contentType, extraHeaders) => api.respondStream(requestId, contentType, extraHeaders),
      warn: (message) => console.warn(message),
    };
    loops.push(runLoop(api, handler, options, policy, settings.observer));
  }
  return Promise.race(loops);
}

function ignoreTraceId(): void {}
