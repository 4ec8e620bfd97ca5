// Shutdown hooks, kept on globalThis under a Symbol.for key rather than in module state:
// a function that bundles its own copy of @thaw/runtime-client, or reaches the API through
// the `awslambda` global, must register in the same place the bootstrap reads from.

/** What a hook is told when the environment is about to stop. */
export interface ShutdownNotice {
  /** The SHUTDOWN event's reason (spindown, timeout, failure), or "SIGTERM" when only the signal came. */
  readonly reason: string;
  /** Epoch milliseconds at which the platform kills the process. */
  readonly deadlineMs: number;
  /** Aborted when the budget is spent: pass it to the I/O a hook starts. */
  readonly signal: AbortSignal;
  /** Milliseconds left before the platform kills the process. */
  remainingTimeInMillis(): number;
}

/** A function run when the environment is about to stop; it may return a promise, awaited until the notice's deadline. */
export type ShutdownHook = (notice: ShutdownNotice) => unknown;

export interface ShutdownRegistry {
  readonly hooks: Set<ShutdownHook>;
  /** Set by the thaw bootstrap, which runs the hooks. Unset when the package is used on another runtime. */
  managedByBootstrap: boolean;
  /** Called when a hook is registered after init (the bootstrap warns if no notice can arrive any more). */
  onLateHook: (() => void) | undefined;
  /** For runtimes other than ours: installs a SIGTERM listener the first time a hook is registered. */
  installFallback: (() => void) | undefined;
}

const KEY = Symbol.for('thaw.runtime-client.shutdown');

export function shutdownRegistry(): ShutdownRegistry {
  const scope = globalThis as { [KEY]?: ShutdownRegistry };
  return (scope[KEY] ??= { hooks: new Set(), managedByBootstrap: false, onLateHook: undefined, installFallback: undefined });
}

/**
 * Registers `hook` to run when the execution environment shuts down (SIGTERM, or the
 * SHUTDOWN event of the runtime's internal extension). Hooks run concurrently and share a
 * budget of about 500 ms; register them during init so that the runtime knows, before the
 * first invocation, that the function wants the notice. Returns a function that removes
 * the hook.
 */
export function onShutdown(hook: ShutdownHook): () => void {
  if (typeof hook !== 'function') {
    throw new TypeError(`onShutdown(hook) needs a function to call at shutdown; got ${hook === null ? 'null' : typeof hook}.`);
  }
  const registry = shutdownRegistry();
  registry.hooks.add(hook);
  if (registry.managedByBootstrap) registry.onLateHook?.();
  else registry.installFallback?.();
  return () => {
    registry.hooks.delete(hook);
  };
}
