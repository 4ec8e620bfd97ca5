// The one place an invocation's outcome is decided. Every way a handler can finish (a
// promise, a value returned synchronously where callback handlers are gone, the callback,
// context.done/succeed/fail, returning nothing and letting the event loop drain, an uncaught
// error) ends here, and only the first one counts.
import { explanationOf } from '../handler/explanation.js';
import type { ContextCompletion, LambdaContext } from './context.js';
import { errorReport, RuntimeError } from './error-report.js';
import { logInvocationError } from './log-error.js';
import { track, untrack, type InFlight } from './in-flight.js';
import type { Outcome } from './outcome.js';
import { serializeResult } from './result-body.js';
import { currentInvocation, runInInvocation, type InvocationInfo } from './store.js';

export class Completion implements ContextCompletion, InFlight {
  readonly promise: Promise<Outcome>;
  context: LambdaContext | undefined;
  private resolveOutcome!: (outcome: Outcome) => void;
  /** A callback/done call has decided the outcome (it may still wait for the event loop). */
  private decided = false;
  private finished = false;
  private deferred: Outcome | undefined;
  /** The handler returned a promise (an async handler): only that promise may answer. */
  private promised = false;
  private scope: InvocationInfo | undefined;

  /** `waitAllowed` is false under concurrency, where the shared event loop never drains for one invocation. */
  constructor(
    readonly requestId: string,
    private readonly waitAllowed: boolean,
  ) {
    this.promise = new Promise<Outcome>((resolve) => {
      this.resolveOutcome = resolve;
    });
    track(this);
  }

  /** The Node-style callback given to the handler: honours callbackWaitsForEmptyEventLoop. */
  readonly callback = (error?: unknown, result?: unknown): void => {
    if (this.decided) return;
    this.decided = true;
    const outcome = toOutcome(error, result);
    if (outcome.kind === 'response' && this.waitAllowed && this.context?.callbackWaitsForEmptyEventLoop !== false) {
      // Respond when the function has nothing left to do (timers, sockets): 'beforeExit'.
      this.deferred = outcome;
      return;
    }
    this.finish(outcome);
  };

  /** context.done / succeed / fail, or a value returned synchronously (Node.js 24): respond at once. */
  done(error: unknown, result?: unknown): void {
    if (this.decided) return;
    this.decided = true;
    this.finish(toOutcome(error, result));
  }

  /** A promise returned by the handler: respond as soon as it settles. */
  follow(promise: PromiseLike<unknown>): void {
    this.promised = true;
    // Called in the invocation's scope: kept so a failure decided later, from 'beforeExit', logs with the request id.
    this.scope = currentInvocation();
    promise.then(
      (result) => this.done(null, result),
      (error: unknown) => {
        if (this.decided) return;
        this.decided = true;
        this.finish(failure(error));
      },
    );
  }

  /** A synchronous throw from the handler, or a failure before it could run. */
  failNow(error: unknown): void {
    if (this.decided) return;
    this.decided = true;
    this.finish(failure(error));
  }

  /** The outcome is known without the handler's help (the streaming adapter finished). */
  settle(outcome: Outcome): void {
    if (this.decided) return;
    this.decided = true;
    this.finish(outcome);
  }

  onEventLoopDrained(): void {
    // Nothing can call back or settle any more. A deferred callback result goes out now.
    // A promise that can never settle fails the invocation with Runtime.NodeJsExit, and a
    // handler that neither returned a promise nor called back completes with null: both
    // as the platform's 3.x client does.
    if (this.deferred === undefined && this.promised && !this.finished) {
      this.decided = true;
      const error = new RuntimeError('Runtime.NodeJsExit', NODE_JS_EXIT_MESSAGE);
      this.finish(this.scope === undefined ? failure(error) : runInInvocation(this.scope, failure, error));
      return;
    }
    this.decided = true;
    this.finish(this.deferred ?? NULL_RESPONSE);
  }

  abandon(): void {
    this.decided = true;
    this.finished = true;
    untrack(this);
  }

  private finish(outcome: Outcome): void {
    if (this.finished) return;
    this.finished = true;
    untrack(this);
    this.resolveOutcome(outcome);
  }
}

const NULL_RESPONSE: Outcome = { kind: 'response', body: 'null' };

// The official client's message for this case, verbatim (callers compare it).
const NODE_JS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

/** Serializes at callback time: what the function passed, not what it became later. */
function toOutcome(error: unknown, result: unknown): Outcome {
  if (error !== undefined && error !== null) return failure(error);
  try {
    return { kind: 'response', body: serializeResult(result) };
  } catch (serializationError) {
    return failure(serializationError);
  }
}

/**
 * Builds the report once, and logs it while still in the invocation's scope: our
 * explanation (when the runtime has one) on its own line, then the official entry.
 */
export function failure(error: unknown): Outcome {
  const report = errorReport(error);
  const explanation = explanationOf(error);
  if (explanation !== undefined) console.error(explanation);
  logInvocationError('Invoke Error', error);
  return { kind: 'error', report };
}
