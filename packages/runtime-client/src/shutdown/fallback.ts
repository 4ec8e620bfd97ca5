// On a runtime other than thaw's (AWS's managed nodejs runtimes), nothing else runs the
// hooks: the first onShutdown call installs a SIGTERM listener that does. Lambda delivers
// SIGTERM there only when some extension is registered.
import { listenForSigterm } from './coordinator.js';
import { shutdownRegistry } from './registry.js';

export function enableSigtermFallback(): void {
  const registry = shutdownRegistry();
  if (!registry.managedByBootstrap) registry.installFallback ??= listenForSigterm;
}
