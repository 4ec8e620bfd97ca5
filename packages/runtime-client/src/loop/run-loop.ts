// One poller: next -> invoke -> respond, forever. Several run side by side under
// Managed Instances, each with its own connection; nothing here is shared between them
// except the handler.
import type { RuntimeApi } from '../api/runtime-api.js';
import { invoke, type Handler, type InvokeOptions } from '../invocation/invoke.js';
import { nextInvocation, type NextPolicy } from './next-invocation.js';
import { parkForever, pollingStopped } from './polling.js';
import { reportOutcome } from './report-outcome.js';

/** Told when an invocation starts and when its result was delivered (worker threads report both to the main thread). */
export interface InvocationObserver {
  started(requestId: string): void;
  finished(requestId: string): void;
}

export async function runLoop(api: RuntimeApi, handler: Handler, options: InvokeOptions, policy: NextPolicy, observer?: InvocationObserver): Promise<never> {
  for (;;) {
    const invocation = await nextInvocation(api, policy);
    observer?.started(invocation.requestId);
    const outcome = await invoke(handler, invocation, options);
    try {
      await reportOutcome(api, invocation, outcome, policy.managedInstances);
    } catch (error) {
      // The runtime is dying (it closed this connection): it reports what is left itself.
      if (pollingStopped()) return parkForever();
      throw error;
    }
    observer?.finished(invocation.requestId);
  }
}
