// Process-wide events and what they mean in each phase of the runtime:
// - an uncaught exception or unhandled rejection: reported to /init/error during init, to
//   /error for every invocation in flight afterwards, then the process exits non-zero
//   (the official 4.x client exits without a report; the caller waits for the timeout);
// - the event loop draining ('beforeExit'): during init, a top-level await that can never
//   settle; afterwards, invocations waiting for it (callbackWaitsForEmptyEventLoop).
import { RuntimeApi, type ErrorReport } from '../api/runtime-api.js';
import { errorReport, RuntimeError } from '../invocation/error-report.js';
import { inFlightInvocations, notifyEventLoopDrained } from '../invocation/in-flight.js';
import { logInvocationError } from '../invocation/log-error.js';
import { withRetry } from './backoff.js';
import { EXIT } from './fatal-error.js';
import { stopPolling } from './polling.js';

export interface Endpoint {
  host: string;
  port: number;
  userAgent: string;
}

type Phase = 'init' | 'running';

let phase: Phase = 'init';
let dying = false;
let endpoint: Endpoint;
let initFailureReporter: ((report: ErrorReport) => Promise<void>) | undefined;

/**
 * In a worker thread, init failures go to the main thread, which reports the first one:
 * /init/error is accepted once per environment, not once per worker.
 */
export function reportInitFailuresWith(reporter: (report: ErrorReport) => Promise<void>): void {
  initFailureReporter = reporter;
}

export function installProcessEvents(target: Endpoint): void {
  endpoint = target;
  process.on('uncaughtException', (error) => void die(error, 'Uncaught Exception', EXIT.uncaughtException));
  process.on('unhandledRejection', (reason, promise) => void die(unhandledRejection(reason, promise), 'Unhandled Promise Rejection', EXIT.unhandledRejection));
  process.on('beforeExit', onEventLoopDrained);
}

export function enterRunningPhase(): void {
  phase = 'running';
}

function onEventLoopDrained(): void {
  if (dying) return;
  if (phase === 'running') {
    notifyEventLoopDrained();
    return;
  }
  void die(
    new RuntimeError(
      'Runtime.UnsettledTopLevelAwait',
      'The handler module never finished loading: its top-level await waits for a promise that nothing can settle any more (the event loop is empty). Make sure every awaited promise at the top level resolves or rejects.',
    ),
    'Init Error',
    EXIT.initError,
  );
}

/** Like the official client's UnhandledPromiseRejection: the reason and the promise are properties of the error. */
function unhandledRejection(reason: unknown, promise: Promise<unknown>): Error {
  let text: string;
  try {
    text = String(reason);
  } catch {
    text = '[a value that cannot be converted to a string]';
  }
  const error = Object.assign(new RuntimeError('Runtime.UnhandledPromiseRejection', text), { reason, promise });
  const stack = reason instanceof Error ? reason.stack : undefined;
  if (stack !== undefined) error.stack = stack;
  return error;
}

/** Reports a fatal error where the platform will see it, then exits. */
export async function die(error: unknown, title: string, exitCode: number): Promise<void> {
  if (dying) return;
  dying = true;
  stopPolling();
  const report = errorReport(error);
  logInvocationError(title, error);
  // A fresh connection: the loops' own connections may be busy (a /next, a stream).
  const api = new RuntimeApi(endpoint.host, endpoint.port, endpoint.userAgent);
  try {
    if (phase === 'init' && initFailureReporter) {
      await initFailureReporter(report);
    } else if (phase === 'init') {
      await withRetry(() => api.initFail(report));
    } else {
      for (const invocation of inFlightInvocations()) {
        invocation.abandon();
        await api.fail(invocation.requestId, report);
      }
    }
  } catch (postError) {
    console.error(`Could not report the error to the Runtime API: ${(postError as Error).message}`);
  }
  process.exit(exitCode);
}
