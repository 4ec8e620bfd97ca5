// One poller: next -> invoke -> respond, forever. Several run side by side under
// Managed Instances, each with its own connection; nothing here is shared between them
// except the handler.
import type { RuntimeApi } from '../api/runtime-api.js';
import { invoke, type Handler, type InvokeOptions } from '../invocation/invoke.js';
import { nextInvocation } from './next-invocation.js';
import { reportOutcome } from './report-outcome.js';

export async function runLoop(api: RuntimeApi, handler: Handler, options: InvokeOptions): Promise<never> {
  for (;;) {
    const invocation = await nextInvocation(api);
    const outcome = await invoke(handler, invocation, options);
    await reportOutcome(api, invocation, outcome);
  }
}
