import { refuseCallbackHandler } from '../handler/callback-handlers.js';
import { explanationOf } from '../handler/explanation.js';
import { loadHandler } from '../handler/load-handler.js';
import type { Handler } from '../invocation/invoke.js';
import type { RuntimeConfig } from './config.js';
import { EXIT } from './fatal-error.js';
import { die } from './process-events.js';

/**
 * Loads the configured handler during init, on the main thread or in a worker thread alike.
 * A failure is reported as an Init Error (to /init/error, or to the main thread from a
 * worker) and ends the process, which is how the platform learns to retry init. Returns
 * undefined only if the process is already on its way out.
 */
export async function initHandler(config: Pick<RuntimeConfig, 'taskRoot' | 'handler' | 'callbackHandlers' | 'nodeMajor'>): Promise<Handler | undefined> {
  try {
    const { handler } = await loadHandler(config.taskRoot, config.handler);
    if (!config.callbackHandlers) refuseCallbackHandler(handler, config.handler, config.nodeMajor);
    return handler as unknown as Handler;
  } catch (error) {
    // The error carries the platform's type and message; our diagnosis gets a line of its own, before the report.
    const explanation = explanationOf(error);
    if (explanation !== undefined) console.error(explanation);
    await die(error, 'Init Error', EXIT.initError);
    return undefined;
  }
}
