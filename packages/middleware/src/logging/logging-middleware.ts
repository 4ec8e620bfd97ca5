import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { registerCleanup } from '../engine/cleanup.js';
import type { Middleware, Request } from '../engine/types.js';
import { redactLogger } from '../redaction/powertools.js';
import { printDirectly } from './direct-print.js';
import { installFastPath } from './fast-logger.js';
import { enterInvocation, runInInvocation } from './invoke-store.js';
import { beginInvocation, prepareLifecycle } from './lifecycle.js';
import { createdLoggerOptions, resolveLoggingOptions, type LoggingOptions } from './options.js';
import { readPath } from './path.js';

/** The middleware, with the Logger it writes through (yours, or the one it created). */
export interface LoggingMiddleware extends Middleware<any, any, Context> {
  /** The Powertools Logger the middleware writes through: use it in the handler. */
  readonly logger: Logger;
  /** Why the Logger's lines take Powertools' own (slower) path, or undefined when they take the fast one (fast-logger.ts). */
  readonly fastPathOff: string | undefined;
}

const CLEANUP_NAME = 'logging';
const SCOPE_KEY = 'thaw.logging.scope';
const TEMP_KEYS_KEY = 'thaw.logging.tempKeys';
const DONE_KEY = 'thaw.logging.done';

type Internal = Record<string, unknown>;

/**
 * Structured JSON logging on Powertools Logger, per invocation:
 * the Lambda context (function, memory, ARN, request id, cold start, X-Ray id, tenant id),
 * the init type and a re-init flag, a correlation id read from the event, the event itself
 * (paths redacted), DEBUG sampling, DEBUG lines buffered and printed only when the
 * invocation fails or is about to time out, and the error as one structured line.
 *
 * @example
 *   const log = logging({ correlationIdPath: 'headers."x-correlation-id" || requestContext.requestId' });
 *   export const logger = log.logger;
 *   export const handler = lambda(async (event) => { logger.info('order placed'); ... }).use(log);
 */
export function logging(options: LoggingOptions = {}): LoggingMiddleware {
  const settings = resolveLoggingOptions(options);
  const redactSecrets = options.redactSecrets !== false;
  let logger: Logger;
  logger = options.logger ?? new Logger(createdLoggerOptions(options));
  // Secrets are redacted from the printed text (direct-print.ts) and from buffered lines
  // flushed through the Logger's console (redactLogger), not with a JSON replacer, which
  // would slow every line down even when no secret is registered.
  if (redactSecrets) redactLogger(logger);
  reportColdStartOurWay(logger);
  printDirectly(logger, redactSecrets);
  const fastPathOff = installFastPath(logger, redactSecrets);
  // Module load is the init phase: read what the previous runtime left in /tmp now.
  prepareLifecycle();
  let initTypeAdded = false;
  // Re-deciding DEBUG sampling costs a random draw and a level change per invocation: only
  // when sampling can be on (a Logger of yours may have its own rate, so always then).
  const samples = options.logger !== undefined || (options.sampleRate ?? Number(process.env.POWERTOOLS_LOGGER_SAMPLE_RATE ?? 0)) > 0;

  // Runs once per invocation: from after/onError, or from the engine's cleanup after an
  // early response. A flag instead of unregisterCleanup(): deleting a key from
  // request.internal on every invocation costs more than writing one.
  const finish = (request: Request, failed: boolean): void => {
    const internal = request.internal;
    if (internal[DONE_KEY] === true) return;
    internal[DONE_KEY] = true;
    if (failed) logger.flushBuffer();
    else logger.clearBuffer();
    const temporary = internal[TEMP_KEYS_KEY] as string[] | undefined;
    if (temporary !== undefined) logger.removeKeys(temporary);
  };

  const finishAfterEarlyResponse = (request: Request): void => finish(request, false);

  return {
    name: 'thaw.logging',
    logger,
    fastPathOff,

    before(request) {
      const { context, event } = request;
      const internal = request.internal;
      const start = beginInvocation(request);
      internal[SCOPE_KEY] = enterInvocation(context);
      coldStartForNextContext = start.cold;
      logger.addContext(context);
      if (!initTypeAdded) {
        // The same for every invocation of this process: a persistent key, added once.
        logger.appendPersistentKeys({ init_type: start.initType });
        initTypeAdded = true;
      }
      if (start.reinit) {
        logger.appendKeys({ reinit: true });
        rememberTemporary(internal, 'reinit');
      }
      if (settings.correlationPath !== undefined) {
        const id = readPath(settings.correlationPath, event);
        if (id !== undefined && (typeof id === 'string' || typeof id === 'number')) {
          logger.appendKeys({ correlation_id: String(id) });
          rememberTemporary(internal, 'correlation_id');
        }
      }
      if (samples) logger.refreshSampleRateCalculation();
      if (logger.shouldLogEvent(settings.logEvent)) {
        logger.info('Lambda invocation event', { event: settings.redactEvent(event) });
      }
      // After an early response the after/onError hooks do not run; the engine runs this.
      registerCleanup(request, CLEANUP_NAME, finishAfterEarlyResponse);
    },

    after(request) {
      finish(request, false);
    },

    onError(request) {
      if (request.internal[DONE_KEY] !== true && settings.logErrors) logger.error('Invocation failed', asError(request.error));
      finish(request, true);
    },

    onDeadline(request) {
      // Runs from the deadline timer, outside the invocation's context: enter it again so
      // the lines carry this invocation's keys and its buffer is the one flushed.
      runInInvocation(request.internal[SCOPE_KEY] as Internal | undefined, () => {
        logger.warn('Invocation is about to time out', {
          remaining_time_ms: request.context.getRemainingTimeInMillis?.(),
        });
        logger.flushBuffer();
      });
    },
  };
}

/**
 * Powertools decides `cold_start` itself and says false after a provisioned-concurrency
 * init. The Logger asks its own getColdStart() inside addContext(); answering from our
 * lifecycle there keeps its field (and its place in the line) while giving our meaning.
 * The value is set right before addContext() in the same synchronous step, so concurrent
 * invocations cannot see each other's.
 */
let coldStartForNextContext = false;
const PATCHED = Symbol.for('thaw.logging.coldStart');

function reportColdStartOurWay(logger: Logger): void {
  const record = logger as unknown as Record<PropertyKey, unknown>;
  if (record[PATCHED]) return;
  Object.defineProperty(logger, 'getColdStart', { value: () => coldStartForNextContext, configurable: true, writable: true });
  Object.defineProperty(logger, PATCHED, { value: true });
}

function rememberTemporary(internal: Internal, key: string): void {
  ((internal[TEMP_KEYS_KEY] as string[] | undefined) ?? (internal[TEMP_KEYS_KEY] = [] as string[])).push(key);
}

function asError(error: unknown): Error | string {
  if (error instanceof Error) return error;
  // Something other than an Error was thrown: log its type, not its content (it could hold data).
  return `a non-Error value of type ${error === null ? 'null' : typeof error} was thrown`;
}
