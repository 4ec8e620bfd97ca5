// Public types of @thaw/emulator (the seam fixed in docs/contracts.md).
import type { RuntimeApiFaultOptions } from './faults.js';

export type InitializationType =
  | 'on-demand'
  | 'provisioned-concurrency'
  | 'snap-start'
  | 'lambda-managed-instances';

export type LogFormat = 'Text' | 'JSON';

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
  functionName?: string;
  functionVersion?: string;
  memoryMB?: number;
  /** Function timeout; fractions are allowed for fast tests. Default 300 (as AWS's emulator). */
  timeoutSeconds?: number;
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
  logFormat?: LogFormat;
  logLevel?: string;
  host?: string;
  port?: number;
  /** Every line the runtime prints, live; requestId when the line belongs to an invocation. */
  onLog?: (line: string, requestId: string | undefined) => void;
  /** Reliability tests only: inject Runtime API faults (500s, resets, slow or truncated answers); see faults.ts. */
  faults?: RuntimeApiFaultOptions;
}

export interface InvokeOptions {
  /** Client context (object, or JSON text); sent as `Lambda-Runtime-Client-Context`. */
  clientContext?: unknown;
  /** Cognito identity (object, or JSON text); sent as `Lambda-Runtime-Cognito-Identity`. */
  identity?: unknown;
  tenantId?: string;
  /** X-Ray trace header value; generated when absent. */
  traceId?: string;
  /** Chunks of a streamed response, as they arrive. */
  onChunk?: (chunk: Buffer) => void;
}

export interface TrafficRecord {
  method: string;
  path: string;
  /** Status the emulator answered; 0 when the runtime dropped the request before an answer. */
  status: number;
  /** Request headers as sent by the runtime (lower-case names); trailers of a stream are merged in. */
  headers: Record<string, string>;
  /** Request body as sent by the runtime. */
  body: Buffer;
}

export type InvokeStatus = 'success' | 'error' | 'timeout' | 'exit' | 'init-error';

export interface FunctionErrorBody {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export interface InvokeResult {
  requestId: string;
  status: InvokeStatus;
  /** Exactly what the caller of the invoke endpoint gets. */
  payload: Buffer;
  /** `payload` parsed as JSON when it parses. */
  response?: unknown;
  error?: FunctionErrorBody;
  /** `Lambda-Runtime-Function-Error-Type` as the platform kept it. */
  errorTypeHeader?: string;
  /** Parsed `Lambda-Runtime-Function-XRay-Error-Cause`. */
  xrayCause?: unknown;
  streamed: boolean;
  contentType?: string;
  /** The runtime's output lines attributed to this invocation (a cold one also gets the init lines). */
  logs: string[];
  /** First invocation served by this runtime process (it paid an init). */
  cold: boolean;
  initMs?: number;
  /** From the `/next` answer to the response or error being received. */
  durationMs: number;
  traffic: TrafficRecord[];
}

export interface Emulator {
  /** `host:port`, the value of AWS_LAMBDA_RUNTIME_API. */
  readonly runtimeApi: string;
  readonly invokeUrl: string;
  invoke(event?: unknown, options?: InvokeOptions): Promise<InvokeResult>;
  /** Runtime API requests made during the latest init (init/error, extension calls). */
  initTraffic(): TrafficRecord[];
  close(): Promise<void>;
}
