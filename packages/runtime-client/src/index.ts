// Public surface of @thaw/runtime-client for code that runs inside functions and for tests.
// The runtime itself starts from bootstrap.ts (dist/bootstrap.cjs).
import { enableSigtermFallback } from './shutdown/fallback.js';

export * from './streaming/index.js';
export type { StreamingMark } from './streaming/marker.js';
export { currentInvocation, type InvocationInfo } from './invocation/store.js';
export type { LambdaContext } from './invocation/context.js';
export type { Handler } from './invocation/invoke.js';
export { onShutdown, type ShutdownHook, type ShutdownNotice } from './shutdown/registry.js';

// Under thaw's bootstrap the hooks are run by the runtime; elsewhere, by a SIGTERM listener.
enableSigtermFallback();
