// Builds the handler's `context`. Every field is an own property (libraries spread or
// Object.assign the context; prototype members would be lost), and the functions work
// when detached (`const { getRemainingTimeInMillis } = context`).
import type { ClientContext, CognitoIdentity, Context } from 'aws-lambda';
import type { FunctionInfo } from './function-info.js';
import { CLIENT_CONTEXT, COGNITO_IDENTITY, DEADLINE_MS, FUNCTION_ARN, TENANT_ID, TRACE_ID } from './headers.js';

/** Lambda's longest timeout: the deadline assumed when the platform sent none. */
const MAX_TIMEOUT_MS = 15 * 60 * 1000;

/** How an invocation ends through the context's legacy methods (done/succeed/fail). */
export interface ContextCompletion {
  done(error: unknown, result?: unknown): void;
}

/**
 * The handler's `context`: `Context` from `@types/aws-lambda`, plus the fields newer Lambda
 * features add. Its `done`, `succeed`, `fail` and `callbackWaitsForEmptyEventLoop` exist only
 * where callback handlers run (Node.js 20 and 22, not on Managed Instances), as on the platform.
 */
export interface LambdaContext extends Context {
  /** The tenant of this invocation, in tenant isolation mode. */
  tenantId?: string;
  /** The X-Ray trace header of this invocation (also in `_X_AMZN_TRACE_ID`). */
  xRayTraceId?: string;
}

/**
 * A header holding JSON that does not parse (a platform or caller mistake) leaves the field
 * undefined and is reported through `warn`: failing the invocation would punish the
 * function for a field most functions never read, and the official client crashes.
 */
function parseJsonHeader<T>(value: string | undefined, name: string, warn: (message: string) => void): T | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    warn(`The ${name} header of this invocation is not valid JSON (${value.length} characters); context.${name === 'Lambda-Runtime-Client-Context' ? 'clientContext' : 'identity'} is left undefined.`);
    return undefined;
  }
}

export function deadlineFrom(headers: Record<string, string>, now: number): number {
  const deadline = Number(headers[DEADLINE_MS]);
  return Number.isFinite(deadline) && deadline > 0 ? deadline : now + MAX_TIMEOUT_MS;
}

export function createContext(
  requestId: string,
  headers: Record<string, string>,
  deadlineMs: number,
  info: FunctionInfo,
  /** Where done/succeed/fail answer; undefined where callback handlers are gone (no legacy members). */
  completion: ContextCompletion | undefined,
  warn: (message: string) => void,
): LambdaContext {
  // Keys in the official 4.x client's order, tenantId and xRayTraceId always present
  // (undefined when not sent), so `return context` serialises to the same JSON.
  const context = {
    clientContext: parseJsonHeader<ClientContext>(headers[CLIENT_CONTEXT], 'Lambda-Runtime-Client-Context', warn),
    identity: parseJsonHeader<CognitoIdentity>(headers[COGNITO_IDENTITY], 'Lambda-Runtime-Cognito-Identity', warn),
    invokedFunctionArn: headers[FUNCTION_ARN] ?? '',
    awsRequestId: requestId,
    tenantId: headers[TENANT_ID],
    xRayTraceId: headers[TRACE_ID],
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
    functionName: info.functionName,
    functionVersion: info.functionVersion,
    memoryLimitInMB: info.memoryLimitInMB,
    logGroupName: info.logGroupName,
    logStreamName: info.logStreamName,
  } as LambdaContext;
  if (completion === undefined) return context;
  context.done = (error?: unknown, result?: unknown) => completion.done(error, result);
  context.fail = (error: unknown) => completion.done(error === undefined || error === null ? 'handled' : error);
  context.succeed = (result: unknown) => completion.done(null, result);
  // Not enumerable, so that a serialised context has the same keys on every version.
  Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', { value: true, writable: true, enumerable: false, configurable: true });
  return context;
}
