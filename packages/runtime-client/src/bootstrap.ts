// The runtime's entry point (bundled into dist/bootstrap.cjs): set up logging, read the
// configuration, load the handler (reporting init errors), start the loop(s). The only
// module that reads process.env for configuration.
import { installLogging } from './logging/install.js';
import { installAwsLambdaGlobal } from './streaming/global.js';
import { loadHandler } from './handler/load-handler.js';
import type { Handler } from './invocation/invoke.js';
import { readConfig, type RuntimeConfig } from './loop/config.js';
import { EXIT, FatalRuntimeError } from './loop/fatal-error.js';
import { die, installProcessEvents } from './loop/process-events.js';
import { startLoops } from './loop/start-loops.js';

// First, so that everything from here on (init logs included) is formatted.
installLogging(process.env);
// Handlers call awslambda.streamifyResponse at module load: install it before loading.
installAwsLambdaGlobal(process.env);

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
  for (const warning of config.warnings) console.warn(warning);
  installProcessEvents(config);

  let handler: Handler;
  try {
    handler = (await loadHandler(config.taskRoot, config.handler)).handler as unknown as Handler;
  } catch (error) {
    await die(error, 'Init Error', EXIT.initError);
    return;
  }

  try {
    await startLoops(handler, { ...config, setTraceId });
  } catch (error) {
    console.error(error instanceof FatalRuntimeError ? error.message : `The runtime failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(error instanceof FatalRuntimeError ? error.exitCode : EXIT.runtimeApi);
  }
}

void main();
