// One invocation from submission to result: its phase, what it collected, and its result.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FunctionErrorBody, InvokeResult, InvokeStatus, TrafficRecord } from './types.js';

/** queued -> dispatched (the runtime has it) -> responding (a response is arriving) -> done. */
export type InvocationPhase = 'queued' | 'dispatched' | 'responding' | 'done';

/** The values passed to the runtime in the `/next` answer's headers. */
export interface InvocationContext {
  clientContext?: string;
  identity?: string;
  tenantId?: string;
  traceId: string;
}

/** Receives a streamed response live; `chunk` returns false when the reader is slow. */
export interface StreamListener {
  start(contentType: string): void;
  chunk(data: Buffer): boolean;
  drained(): Promise<void>;
}

export interface Outcome {
  status: InvokeStatus;
  payload: Buffer;
  error?: FunctionErrorBody;
  errorTypeHeader?: string;
  xrayCause?: unknown;
  contentType?: string;
}

export function newTraceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

export class Invocation {
  readonly requestId = randomUUID();
  phase: InvocationPhase = 'queued';
  readonly logs: string[] = [];
  readonly traffic: TrafficRecord[] = [];
  cold = false;
  initMs: number | undefined;
  /** Epoch ms of the deadline once armed (at dispatch, or at spawn for a suppressed init). */
  deadlineMs: number | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private dispatchedAt: number | undefined;
  private respondedAt: number | undefined;
  private streamChunks: Buffer[] | undefined;
  private streamContentType: string | undefined;
  private resolveResult!: (result: InvokeResult) => void;
  private rejectResult!: (error: Error) => void;
  readonly result: Promise<InvokeResult>;

  constructor(
    readonly event: Buffer,
    readonly context: InvocationContext,
    private readonly listener: StreamListener | undefined,
  ) {
    this.result = new Promise<InvokeResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    // A caller that never awaits must not see an unhandled rejection at close().
    this.result.catch(() => undefined);
  }

  get settled(): boolean {
    return this.phase === 'done';
  }

  get streamed(): boolean {
    return this.streamChunks !== undefined;
  }

  armDeadline(timeoutMs: number, onTimeout: () => void): void {
    if (this.deadlineMs !== undefined) return;
    this.deadlineMs = Date.now() + timeoutMs;
    this.deadlineTimer = setTimeout(onTimeout, timeoutMs);
  }

  /** The runtime process generation that received it (an exit of that process fails it). */
  generation = 0;

  markDispatched(generation: number): void {
    this.generation = generation;
    this.phase = 'dispatched';
    this.dispatchedAt = performance.now();
  }

  /** The response (or error) has been received: the duration ends here. */
  markResponded(): void {
    this.respondedAt ??= performance.now();
  }

  beginStream(contentType: string): void {
    this.streamChunks = [];
    this.streamContentType = contentType;
    this.listener?.start(contentType);
  }

  /** Forwards a streamed chunk; false when the caller is slow and the runtime should wait. */
  pushChunk(chunk: Buffer): boolean {
    if (this.phase === 'done' || this.streamChunks === undefined) return true;
    this.streamChunks.push(chunk);
    return this.listener ? this.listener.chunk(chunk) : true;
  }

  async drained(): Promise<void> {
    await this.listener?.drained();
  }

  /** Settles the invocation once; later outcomes (a late response after a timeout) are ignored. */
  complete(outcome: Outcome): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    clearTimeout(this.deadlineTimer);
    this.markResponded();
    const streamed = this.streamChunks !== undefined;
    // A streamed response's payload is what reached the caller, even when it ended in an error.
    const payload = streamed ? Buffer.concat(this.streamChunks ?? []) : outcome.payload;
    const result: InvokeResult = {
      requestId: this.requestId,
      status: outcome.status,
      payload,
      streamed,
      logs: this.logs,
      cold: this.cold,
      durationMs: this.dispatchedAt === undefined ? 0 : (this.respondedAt ?? 0) - this.dispatchedAt,
      traffic: this.traffic,
    };
    const response = parseJson(payload);
    if (response !== undefined) result.response = response;
    if (outcome.error) result.error = outcome.error;
    if (outcome.errorTypeHeader !== undefined) result.errorTypeHeader = outcome.errorTypeHeader;
    if (outcome.xrayCause !== undefined) result.xrayCause = outcome.xrayCause;
    const contentType = streamed ? this.streamContentType : outcome.contentType;
    if (contentType !== undefined) result.contentType = contentType;
    if (this.cold && this.initMs !== undefined) result.initMs = this.initMs;
    this.resolveResult(result);
  }

  abandon(error: Error): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    clearTimeout(this.deadlineTimer);
    this.rejectResult(error);
  }
}
