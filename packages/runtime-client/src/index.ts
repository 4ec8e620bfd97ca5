// Public surface of @thaw/runtime-client for code that runs inside functions and for tests.
// The runtime itself starts from bootstrap.ts (dist/bootstrap.cjs).
export * from './streaming/index.js';
export type { StreamingMark } from './streaming/marker.js';
export { currentInvocation, type InvocationInfo } from './invocation/store.js';
export type { LambdaContext } from './invocation/context.js';
export type { Handler } from './invocation/invoke.js';
