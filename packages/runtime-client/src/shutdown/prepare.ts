// What the bootstrap does about shutdown once init is over and before the first /next:
// listen for SIGTERM, and register the internal extension when the function wants the
// notice (a hook registered during init, or THAW_SHUTDOWN_EXTENSION=1).
import { configureShutdown, listenForSigterm, shutdownNow, type ShutdownPlan } from './coordinator.js';
import { registerShutdownExtension, watchForShutdown } from './extension.js';
import { shutdownRegistry } from './registry.js';

export interface ShutdownSetup extends ShutdownPlan {
  host: string;
  port: number;
  mode: 'auto' | 'on' | 'off';
  /** Hooks registered during init, in every thread. */
  hooksAtInit: number;
}

/** Resolves with true when the extension is registered (the SHUTDOWN notice will come). */
export async function prepareShutdown(setup: ShutdownSetup): Promise<boolean> {
  configureShutdown(setup);
  listenForSigterm();
  let registered = false;
  if (setup.mode === 'on' || (setup.mode === 'auto' && setup.hooksAtInit > 0)) {
    const endpoint = { host: setup.host, port: setup.port };
    const id = await registerShutdownExtension(endpoint);
    if (id !== undefined) {
      watchForShutdown(endpoint, id, shutdownNow);
      registered = true;
    }
  }
  if (!registered) warnAboutLateHooks(setup.mode);
  return registered;
}

export function warnAboutLateHooks(mode: 'auto' | 'on' | 'off'): void {
  let warned = false;
  shutdownRegistry().onLateHook = () => {
    if (warned) return;
    warned = true;
    console.warn(
      `onShutdown was called after init, and no shutdown extension is registered${mode === 'off' ? ' (THAW_SHUTDOWN_EXTENSION=0)' : ''}: Lambda sends no shutdown notice without one, so the hook may never run. Register hooks while the module loads, or set THAW_SHUTDOWN_EXTENSION=1.`,
    );
  };
}
