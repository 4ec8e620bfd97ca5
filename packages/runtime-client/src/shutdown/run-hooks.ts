// Runs the shutdown hooks within the budget. They run concurrently (one slow hook must not
// starve the others of a 500 ms budget); when the budget is spent, their AbortSignal fires
// and the process goes on to exit without them. A timer is fine here: a process that
// received its shutdown notice is not frozen again.
import type { ShutdownHook, ShutdownNotice } from './registry.js';

/** Time kept back before the deadline to exit cleanly before SIGKILL. */
export const EXIT_MARGIN_MS = 25;

export interface HookRun {
  ran: number;
  failed: number;
  unfinished: number;
}

export async function runShutdownHooks(hooks: Iterable<ShutdownHook>, reason: string, deadlineMs: number): Promise<HookRun> {
  const list = [...hooks];
  const run: HookRun = { ran: list.length, failed: 0, unfinished: 0 };
  if (list.length === 0) return run;
  const controller = new AbortController();
  const notice: ShutdownNotice = {
    reason,
    deadlineMs,
    signal: controller.signal,
    remainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
  const pending = new Set(list);
  const runs = list.map((hook) =>
    Promise.resolve()
      .then(() => hook(notice))
      .then(
        () => undefined,
        (error: unknown) => {
          run.failed += 1;
          console.error(`Shutdown hook ${nameOf(hook)} failed:`, error);
        },
      )
      .finally(() => pending.delete(hook)),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadlineMs - EXIT_MARGIN_MS - Date.now()));
  });
  await Promise.race([Promise.all(runs), budget]);
  clearTimeout(timer);
  if (pending.size > 0) {
    run.unfinished = pending.size;
    controller.abort(new Error('The shutdown budget is spent.'));
    console.warn(`${pending.size} shutdown hook(s) had not finished when the budget ran out (${[...pending].map(nameOf).join(', ')}); exiting without them. Keep shutdown work within the budget (500 ms, less with external extensions).`);
  }
  return run;
}

function nameOf(hook: ShutdownHook): string {
  return hook.name ? `"${hook.name}"` : '(anonymous)';
}
