// The runtime's entry point (bundled into dist/bootstrap.cjs): set up logging, read the
// configuration, load the handler (reporting init errors), start the loop(s). The only
// module that reads process.env for configuration. The same file runs the worker threads
// of Managed Instances.
import { installLogging } from './logging/install.js';
import { installAwsLambdaGlobal } from './streaming/global.js';
import { installInvokeStore } from './invocation/invoke-store.js';
import { managedInstancesIn, readConfig, type RuntimeConfig } from './loop/config.js';
import { EXIT } from './loop/fatal-error.js';
import { initHandler } from './loop/init-handler.js';
import { logLoopFailure } from './loop/loop-failure.js';
import { installProcessEvents } from './loop/process-events.js';
import { startLoops } from './loop/start-loops.js';
import { installShutdownApi } from './shutdown/global.js';
import { prepareShutdown } from './shutdown/prepare.js';
import { shutdownRegistry } from './shutdown/registry.js';
import { takeWorkerSpec } from './workers/spec.js';
import { Supervisor } from './workers/supervisor.js';
import { runWorkerThread } from './workers/worker-thread.js';

// Before logging takes it out of the environment: worker threads log to the same fd.
const telemetryFd = process.env['_LAMBDA_TELEMETRY_LOG_FD'];
const workerSpec = takeWorkerSpec(process.env);
// First, so that everything from here on (init logs included) is formatted.
installLogging(process.env, managedInstancesIn(process.env));
// Handlers call awslambda.streamifyResponse (and awslambda.onShutdown) at module load: install them before loading.
installAwsLambdaGlobal(process.env);
installShutdownApi();
installInvokeStore();

function setTraceId(traceId: string | undefined): void {
  if (traceId === undefined) delete process.env['_X_AMZN_TRACE_ID'];
  else process.env['_X_AMZN_TRACE_ID'] = traceId;
}

async function main(): Promise<void> {
  let config: RuntimeConfig;
  try {
    config = readConfig(process.env, process.cwd());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(EXIT.runtimeApi);
  }
  // The main thread already logged the configuration warnings.
  if (workerSpec === undefined) for (const warning of config.warnings) console.warn(warning);
  installProcessEvents(config);

  if (workerSpec !== undefined) {
    await runWorkerThread(workerSpec, config);
    return;
  }
  if (config.workers > 1) {
    await new Supervisor(config, telemetryFd).start();
    return;
  }

  const handler = await initHandler(config);
  if (handler === undefined) return;

  await prepareShutdown({
    host: config.host,
    port: config.port,
    mode: config.shutdownExtension,
    hooksAtInit: shutdownRegistry().hooks.size,
    managedInstances: config.managedInstances,
  });

  try {
    await startLoops(handler, { ...config, setTraceId });
  } catch (error) {
    process.exit(logLoopFailure(error, 'The runtime'));
  }
}

void main();
