// Public types of @thaw/emulator (the seam fixed in docs/contracts.md).
import type { RuntimeApiFaultOptions } from './faults.js';

/** How the environment was initialized, as `AWS_LAMBDA_INITIALIZATION_TYPE` tells the function. */
export type InitializationType =
  | 'on-demand'
  | 'provisioned-concurrency'
  | 'snap-start'
  | 'lambda-managed-instances';

/** `AWS_LAMBDA_LOG_FORMAT`: plain text lines or one JSON object per line. */
export type LogFormat = 'Text' | 'JSON';

/** Options of `startEmulator`; only `command` is required. */
export interface EmulatorOptions {
  /** How to start the runtime process, e.g. `[process.execPath, bootstrapPath]`. Required. */
  command: readonly string[];
  /** `_HANDLER`; default `index.handler`. */
  handler?: string;
  /** `LAMBDA_TASK_ROOT` and the process cwd; default `process.cwd()`. */
  taskRoot?: string;
  /** Extra environment for the runtime; a key set to `undefined` removes a platform variable. */
  env?: Record<string, string | undefined>;
  /** Pass the emulator's whole environment to the runtime (default: only PATH and HOME). */
  inheritEnv?: boolean;
  /** `AWS_LAMBDA_FUNCTION_NAME` and the name in the function ARN; default `test_function`. */
  functionName?: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION`; default `$LATEST`. */
  functionVersion?: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` (128..10240); default 3008. */
  memoryMB?: number;
  /** Function timeout; fractions are allowed for fast tests. Default 300 (as AWS's emulator). */
  timeoutSeconds?: number;
  /** `AWS_REGION` and `AWS_DEFAULT_REGION`; default `us-east-1`. */
  region?: string;
  /** `AWS_LAMBDA_INITIALIZATION_TYPE`; default `on-demand` (`lambda-managed-instances` with maxConcurrency). */
  initializationType?: InitializationType;
  /** A number turns on Managed Instances mode: that many invocations in flight, no freeze, no kill on timeout. */
  maxConcurrency?: number;
  /** Start the runtime at once instead of at the first invocation. */
  eagerInit?: boolean;
  /** Cap on the init phase; default 10 s for on-demand, 15 min otherwise (the platform's values). */
  initTimeoutSeconds?: number;
  /** Stop (SIGSTOP) the runtime between invocations as the platform freezes it; default true outside Managed Instances. */
  freeze?: boolean;
  /** `AWS_LAMBDA_LOG_FORMAT`; unset by default (the runtime's default, Text), JSON with `maxConcurrency` (Managed Instances support only JSON). */
  logFormat?: LogFormat;
  /** `AWS_LAMBDA_LOG_LEVEL` (TRACE, DEBUG, INFO, WARN, ERROR, FATAL); unset by default. */
  logLevel?: string;
  /** Address the server binds; default `127.0.0.1`. */
  host?: string;
  /** Port the server binds; default 0, a free port. */
  port?: number;
  /** Every line the runtime prints, live; requestId when the line belongs to an invocation. */
  onLog?: (line: string, requestId: string | undefined) => void;
  /** Reliability tests only: inject Runtime API faults (500s, resets, slow or truncated answers); see faults.ts. */
  faults?: RuntimeApiFaultOptions;
}

/** Per-invocation options of `Emulator.invoke`. */
export interface InvokeOptions {
  /** Client context (object, or JSON text); sent as `Lambda-Runtime-Client-Context`. */
  clientContext?: unknown;
  /** Cognito identity (object, or JSON text); sent as `Lambda-Runtime-Cognito-Identity`. */
  identity?: unknown;
  /** Tenant id (tenant isolation mode); sent as `Lambda-Runtime-Aws-Tenant-Id`. */
  tenantId?: string;
  /** X-Ray trace header value; generated when absent. */
  traceId?: string;
  /** Chunks of a streamed response, as they arrive. */
  onChunk?: (chunk: Buffer) => void;
}

/** One Runtime API request made by the runtime, as the emulator received it. */
export interface TrafficRecord {
  /** The HTTP method. */
  method: string;
  /** The request path, e.g. `/2018-06-01/runtime/invocation/next`. */
  path: string;
  /** Status the emulator answered; 0 when the runtime dropped the request before an answer. */
  status: number;
  /** Request headers as sent by the runtime (lower-case names); trailers of a stream are merged in. */
  headers: Record<string, string>;
  /** Request body as sent by the runtime. */
  body: Buffer;
}

/** How an invocation ended: `success`, `error` (the function failed), `timeout`, `exit` (the runtime process died) or `init-error`. */
export type InvokeStatus = 'success' | 'error' | 'timeout' | 'exit' | 'init-error';

/** The error JSON a failed invocation returns, as Lambda's Invoke API does. */
export interface FunctionErrorBody {
  /** The error's type, e.g. `Error`, `Runtime.ExitError`, `Sandbox.Timedout`. */
  errorType: string;
  /** The error's message. */
  errorMessage: string;
  /** The stack trace lines, when the runtime reported them. */
  trace?: string[];
}

/** The outcome of one invocation, whatever it was: `invoke` never rejects for a function's failure. */
export interface InvokeResult {
  /** The invocation's request id (`context.awsRequestId`). */
  requestId: string;
  /** How the invocation ended. */
  status: InvokeStatus;
  /** Exactly what the caller of the invoke endpoint gets. */
  payload: Buffer;
  /** `payload` parsed as JSON when it parses. */
  response?: unknown;
  /** The error, for every status but `success`. */
  error?: FunctionErrorBody;
  /** `Lambda-Runtime-Function-Error-Type` as the platform kept it. */
  errorTypeHeader?: string;
  /** Parsed `Lambda-Runtime-Function-XRay-Error-Cause`. */
  xrayCause?: unknown;
  /** The runtime streamed the response (response streaming mode). */
  streamed: boolean;
  /** The response's content type. */
  contentType?: string;
  /** The runtime's output lines attributed to this invocation (a cold one also gets the init lines). */
  logs: string[];
  /** First invocation served by this runtime process (it paid an init). */
  cold: boolean;
  /** How long the init took, on a cold invocation. */
  initMs?: number;
  /** From the `/next` answer to the response or error being received. */
  durationMs: number;
  /** Every Runtime API request the runtime made during this invocation. */
  traffic: TrafficRecord[];
}

/** A running local Lambda, from `startEmulator`. */
export interface Emulator {
  /** `host:port`, the value of AWS_LAMBDA_RUNTIME_API. */
  readonly runtimeApi: string;
  /** The invoke endpoint: `http://host:port/2015-03-31/functions/function/invocations`. */
  readonly invokeUrl: string;
  /** Invokes the function with `event` (any JSON value, or a Buffer or string sent as is) and resolves when the invocation completes. Rejects only with `InvokeInputError` or `EmulatorClosedError`. */
  invoke(event?: unknown, options?: InvokeOptions): Promise<InvokeResult>;
  /** Runtime API requests made during the latest init (init/error, extension calls). */
  initTraffic(): TrafficRecord[];
  /** Sends SHUTDOWN to registered extensions, stops the runtime process and closes the server. */
  close(): Promise<void>;
}
