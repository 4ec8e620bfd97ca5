// `awslambda.onShutdown`: the hook API for functions that do not bundle @thaw/runtime-client
// (they call `globalThis.awslambda?.onShutdown?.(hook)`, which is a no-op elsewhere).
import { onShutdown, shutdownRegistry } from './registry.js';

export function installShutdownApi(): void {
  shutdownRegistry().managedByBootstrap = true;
  const scope = globalThis as { awslambda?: Record<string, unknown> };
  // The awslambda global may be opted out (AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA): leave it absent then.
  if (scope.awslambda !== undefined) scope.awslambda['onShutdown'] = onShutdown;
}
