import type { DeadlinePolicy } from './deadline.js';
import type { Hook, Middleware } from './types.js';
import { InvalidMiddlewareError } from './errors.js';

/**
 * The flattened form of a `.use()` chain. Hooks are sorted into arrays in the order they
 * run when they are attached, so an invocation only walks arrays: `after` and `onError`
 * are stored already reversed.
 */
export interface Pipeline {
  handler: (...args: any[]) => unknown;
  streaming: boolean;
  readonly before: Hook[];
  readonly after: Hook[];
  readonly onError: Hook[];
  readonly policy: DeadlinePolicy;
  /** Init hooks still to settle; undefined once every one has succeeded. */
  pendingInit: InitTask[] | undefined;
}

export interface InitTask {
  readonly run: () => void | Promise<void>;
  promise: Promise<void> | undefined;
}

export function addMiddlewares(pipeline: Pipeline, input: Middleware | readonly Middleware[]): void {
  const middlewares = Array.isArray(input) ? input : [input];
  for (const middleware of middlewares as Middleware[]) addMiddleware(pipeline, middleware);
}

function addMiddleware(pipeline: Pipeline, middleware: Middleware): void {
  if (typeof middleware !== 'object' || middleware === null) {
    throw new InvalidMiddlewareError(
      `.use() expects a middleware object like { before, after, onError }, got ${middleware === null ? 'null' : typeof middleware}.`,
    );
  }
  const { before, after, onError, onDeadline, init } = middleware;
  if (!before && !after && !onError && !onDeadline && !init) {
    throw new InvalidMiddlewareError(
      `The middleware${middleware.name ? ` "${middleware.name}"` : ''} has none of before, after, onError, onDeadline, init; give it at least one hook.`,
    );
  }
  for (const [hookName, hook] of Object.entries({ before, after, onError, onDeadline, init })) {
    if (hook !== undefined && typeof hook !== 'function') {
      throw new InvalidMiddlewareError(`The middleware's ${hookName} must be a function, got ${typeof hook}.`);
    }
  }
  if (before) pipeline.before.push(before);
  if (after) pipeline.after.unshift(after);
  if (onError) pipeline.onError.unshift(onError);
  if (onDeadline) pipeline.policy.hooks.unshift(onDeadline);
  if (init) startInit(pipeline, init);
}

/** Starts an init hook now (module load = init phase); the first invocation awaits it. */
function startInit(pipeline: Pipeline, run: () => void | Promise<void>): void {
  const task: InitTask = { run, promise: undefined };
  launch(task);
  (pipeline.pendingInit ??= []).push(task);
}

function launch(task: InitTask): void {
  const promise = Promise.resolve().then(task.run);
  // Silenced until the first invocation awaits it: an init failure is reported there.
  promise.catch(() => undefined);
  task.promise = promise;
}

/**
 * Awaits every init hook. Failures are not remembered: a hook that failed is started again
 * by the next invocation, so one bad cold start does not poison the environment.
 */
export async function settleInit(pipeline: Pipeline): Promise<void> {
  const tasks = pipeline.pendingInit;
  if (tasks === undefined) return;
  const results = await Promise.allSettled(tasks.map((task) => task.promise));
  const failed = tasks.filter((_, i) => results[i]!.status === 'rejected');
  if (failed.length === 0) {
    if (pipeline.pendingInit === tasks) pipeline.pendingInit = undefined;
    return;
  }
  const first = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  for (const task of failed) launch(task);
  throw first.reason;
}
