// One shutdown per process, whichever notice comes first (SIGTERM or the SHUTDOWN event):
// run the hooks (and, with worker threads, theirs) by the deadline, then exit 0.
import { stopAskingForWork } from '../loop/polling.js';
import { shutdownRegistry } from './registry.js';
import { EXIT_MARGIN_MS, runShutdownHooks } from './run-hooks.js';

/** The platform's grace between SIGTERM and SIGKILL with an internal extension. */
export const SIGTERM_BUDGET_MS = 500;

export interface ShutdownPlan {
  /** Runs other threads' hooks (worker mode) by the same deadline. */
  fanOut?: (reason: string, deadlineMs: number) => Promise<void>;
  /** Managed Instances: SIGTERM is never delivered, so no other SIGTERM listener is waiting to run. */
  managedInstances: boolean;
}

let plan: ShutdownPlan = { managedInstances: false };
let running = false;
let listening = false;

export function configureShutdown(next: ShutdownPlan): void {
  plan = next;
}

export function shutdownNow(reason: string, deadlineMs: number): void {
  if (running) return;
  running = true;
  stopAskingForWork();
  const startedAt = Date.now();
  void Promise.all([runShutdownHooks(shutdownRegistry().hooks, reason, deadlineMs), plan.fanOut?.(reason, deadlineMs)]).then(([local]) => {
    if (local.ran > 0 || plan.fanOut) console.info(`Shutdown (${reason}): hooks done in ${Date.now() - startedAt} ms; exiting.`);
    exitBefore(deadlineMs);
  });
}

function exitBefore(deadlineMs: number): void {
  const others = process.listenerCount('SIGTERM') - (listening ? 1 : 0);
  if (others > 0 && !plan.managedInstances) {
    // The function listens for SIGTERM itself and may still be doing its own cleanup: let
    // it exit when it is done, and make the exit clean (0, not SIGKILL) if it does not.
    setTimeout(() => process.exit(0), Math.max(0, deadlineMs - EXIT_MARGIN_MS - Date.now()));
    return;
  }
  process.exit(0);
}

export function listenForSigterm(): void {
  if (listening) return;
  listening = true;
  process.on('SIGTERM', () => {
    const deadlineMs = Date.now() + SIGTERM_BUDGET_MS;
    // The SHUTDOWN event, which says why, is usually readable in the same turn of the
    // event loop: give it the chance to start the shutdown with its reason.
    setImmediate(() => shutdownNow('SIGTERM', deadlineMs));
  });
}
