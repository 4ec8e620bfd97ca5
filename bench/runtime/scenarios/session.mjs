// Runs one runtime process against the fake Runtime API for the length of a scenario:
// resets the server, spawns the contender, hands both to the scenario, always kills it.
import { cpuNs, memoryMiB } from '../proc-stats.mjs';
import { startRuntime } from '../runtime-process.mjs';

/**
 * `body(session)` gets { runtime, serve(plan), measure(plan) } where measure() also returns
 * the runtime CPU spent during the plan. Arm the first plan *before* `spawn()` so the first
 * /next is answered at once (cold start measures the runtime, not the harness).
 */
export async function withRuntime(api, { command, env, cwd }, body) {
  await api.reset();
  let runtime;
  let spawned;
  // Plans may be armed before the spawn; they must still stop waiting if the runtime dies.
  const died = new Promise((resolve) => { spawned = resolve; }).then((r) => r.died);
  died.catch(() => {});
  const session = {
    spawn() {
      runtime = startRuntime(command, { env, cwd });
      spawned(runtime);
      return runtime;
    },
    async serve(plan) {
      const report = await api.serve(plan, Promise.race([died, deadline(plan)]));
      checkReport(report, plan, runtime, api);
      return report;
    },
    async measure(plan) {
      const before = cpuNs(runtime.pid);
      const report = await session.serve(plan);
      const cpu = cpuNs(runtime.pid) - before;
      return { ...report, cpuNs: cpu, memory: memoryMiB(runtime.pid) };
    },
  };
  try {
    return await body(session);
  } finally {
    await runtime?.kill();
  }
}

const PLAN_LIMIT_MS = 120_000;

// A hung contender must fail the run with a reason, not stall it forever.
function deadline(plan) {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`plan "${plan.tag}" (${plan.count} invocations) did not finish within ${PLAN_LIMIT_MS / 1000} s; the runtime stopped answering`)),
      PLAN_LIMIT_MS,
    );
    timer.unref();
  });
}

function checkReport(report, plan, runtime, api) {
  const problems = api.problems();
  if (report.errors > 0 || report.mismatches > 0 || problems.length > 0) {
    throw new Error(
      `plan "${plan.tag}": ${report.errors} error(s), ${report.mismatches} wrong response(s)` +
        (report.firstError ? `; first error: ${report.firstError}` : '') +
        (problems.length ? `; protocol problems: ${JSON.stringify(problems).slice(0, 500)}` : '') +
        `\nruntime output:\n${runtime?.output() || '(none)'}`,
    );
  }
}
