// The life of one worker thread: module init (once per worker), then its share of the
// loops once the main thread says every worker is ready (the shutdown extension, if any,
// must be registered before the first /next). Process-wide matters stay with the main
// thread: /init/error (once per environment), signals, the decision to exit.
import type { ErrorReport } from '../api/runtime-api.js';
import { builtin } from '../builtin.js';
import type { Handler } from '../invocation/invoke.js';
import type { RuntimeConfig } from '../loop/config.js';
import { initHandler } from '../loop/init-handler.js';
import { logLoopFailure } from '../loop/loop-failure.js';
import { reportInitFailuresWith } from '../loop/process-events.js';
import { stopAskingForWork } from '../loop/polling.js';
import { startLoops } from '../loop/start-loops.js';
import { warnAboutLateHooks } from '../shutdown/prepare.js';
import { shutdownRegistry } from '../shutdown/registry.js';
import { runShutdownHooks } from '../shutdown/run-hooks.js';
import { writeStdioDirectly } from './direct-stdio.js';
import { adoptSharedState } from './shared-state.js';
import type { FromWorker, ToWorker, WorkerSpec } from './messages.js';

export async function runWorkerThread(spec: WorkerSpec, config: RuntimeConfig): Promise<void> {
  const { parentPort: port, workerData } = builtin('node:worker_threads');
  if (port === null) throw new Error('runWorkerThread must run in a worker thread.');
  const send = (message: FromWorker): void => port.postMessage(message);
  const shared = (workerData as { shared?: unknown } | null)?.shared;
  if (shared instanceof SharedArrayBuffer) adoptSharedState(shared);
  writeStdioDirectly();
  reportInitFailuresWith(async (report: ErrorReport) => {
    send({ type: 'init-failed', report: { body: report.body, errorType: report.errorType, xrayCause: report.xrayCause } });
  });

  const handler = await initHandler(config);
  if (handler === undefined) return;

  port.on('message', (message: ToWorker) => {
    if (message.type === 'start') {
      if (!message.extensionRegistered) warnAboutLateHooks(message.shutdownMode);
      void runLoops(handler, spec, config, send);
    } else if (message.type === 'shutdown') {
      stopAskingForWork();
      void runShutdownHooks(shutdownRegistry().hooks, message.reason, message.deadlineMs).then(() => send({ type: 'shutdown-done' }));
    }
  });
  send({ type: 'ready', hooks: shutdownRegistry().hooks.size });
}

async function runLoops(handler: Handler, spec: WorkerSpec, config: RuntimeConfig, send: (message: FromWorker) => void): Promise<void> {
  try {
    await startLoops(handler, {
      ...config,
      concurrency: spec.loops,
      managedInstances: true,
      // Per thread anyway, but other threads' invocations run at the same time: context.xRayTraceId is the source.
      setTraceId: () => undefined,
      observer: {
        started: (requestId) => send({ type: 'started', requestId }),
        finished: (requestId) => send({ type: 'finished', requestId }),
      },
    });
  } catch (error) {
    const exitCode = logLoopFailure(error, `Worker thread ${spec.index}`);
    send({ type: 'fatal', exitCode });
    process.exit(exitCode);
  }
}
