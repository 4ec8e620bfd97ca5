// The execution environment: one runtime process at a time, its init, the invocations it serves,
// and the platform's reactions to timeouts, exits and init errors.
import { EmulatorClosedError } from './errors.js';
import { runtimeEnvironment } from './environment.js';
import type { Extensions, ShutdownReason } from './extensions.js';
import type { Invocation, Outcome } from './invocation.js';
import { LOCAL_ACCOUNT_ID, RECENT_INVOCATION_BYTES, SHUTDOWN_GRACE_MS, STREAM_BREAK_GRACE_MS } from './limits.js';
import { LogRouter } from './log-router.js';
import type { ResolvedOptions } from './options.js';
import { exitError, timeoutError, truncatedStreamError } from './platform-errors.js';
import { RuntimeProcess, type ExitInfo } from './process.js';
import { InvocationQueue, PollerSet, RecentInvocations, type Poller } from './queue.js';
import type { TrafficRecord } from './types.js';

/** idle: no process; initializing: spawned, no `/next` yet; ready: serving; stopping: being shut down. */
export type SandboxPhase = 'idle' | 'initializing' | 'ready' | 'stopping';

export type Refusal = { status: number; errorType: string; errorMessage: string };

// Lets the runtime's last log lines (written before its response) arrive from the pipes before
// the result is handed out: pipe data ready at the same time is read within the same poll phase.
function settleIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

export class Sandbox {
  phase: SandboxPhase = 'idle';
  generation = 0;
  readonly functionArn: string;
  private process: RuntimeProcess | undefined;
  private stopping: Promise<unknown> | undefined;
  private closed = false;
  private suppressedInit = false;
  private initStartedAt = 0;
  private initMs: number | undefined;
  private initTimer: NodeJS.Timeout | undefined;
  private initErrorSeen = false;
  private servedByProcess = 0;
  private initRecords: TrafficRecord[] = [];
  private lastDispatched: Invocation | undefined;
  private readonly queue = new InvocationQueue();
  private readonly pollers = new PollerSet();
  private readonly inFlight = new Map<string, Invocation>();
  private readonly recent = new RecentInvocations(1000, RECENT_INVOCATION_BYTES);
  private readonly logs: LogRouter;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly runtimeApi: () => string,
    readonly extensions: Extensions,
  ) {
    this.functionArn = `arn:aws:lambda:${options.region}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`;
    this.logs = new LogRouter(options.onLog, (id) => this.inFlight.get(id) ?? this.recent.get(id));
  }

  get managedInstances(): boolean {
    return this.options.managedInstances;
  }

  /** Runtime API requests of the latest init (kept until the next runtime process starts). */
  get initTraffic(): TrafficRecord[] {
    return this.initRecords;
  }

  start(): void {
    if (this.options.eagerInit) this.spawn();
  }

  submit(invocation: Invocation): void {
    if (this.closed) {
      invocation.abandon(new EmulatorClosedError(invocation.requestId));
      return;
    }
    this.queue.push(invocation);
    this.pump();
  }

  // ---- runtime side -------------------------------------------------------------------------

  /** Parks a `/next` request, or says why it is refused. */
  park(poller: Poller): Refusal | undefined {
    if (this.closed || this.phase === 'idle' || this.phase === 'stopping') {
      return { status: 500, errorType: 'Runtime.EnvironmentStopping', errorMessage: 'The execution environment is being shut down; the runtime should exit.' };
    }
    if (this.initErrorSeen) {
      return { status: 403, errorType: 'InvalidStateTransition', errorMessage: 'State transition from InitError to Ready is not allowed: init failed.' };
    }
    if (this.pollers.live(this.generation) >= this.options.capacity) {
      return { status: 403, errorType: 'InvalidStateTransition', errorMessage: `Only ${this.options.capacity} /next request(s) may wait at once.` };
    }
    if (this.phase === 'initializing') this.initDone();
    this.pollers.add(poller);
    this.pump();
    return undefined;
  }

  /** Finds the invocation a response/error names: 400 when unknown, 403 when already answered. */
  claim(requestId: string): Invocation | Refusal {
    const invocation = this.inFlight.get(requestId) ?? this.recent.get(requestId);
    if (!invocation) return { status: 400, errorType: 'InvalidRequestID', errorMessage: 'Invalid request ID' };
    if (invocation.phase !== 'dispatched') {
      return { status: 403, errorType: 'InvalidStateTransition', errorMessage: `Invocation ${requestId} has already been answered (or timed out).` };
    }
    invocation.phase = 'responding';
    return invocation;
  }

  /** A buffered response whose connection broke: the runtime may still send it again. */
  release(invocation: Invocation): void {
    if (invocation.phase === 'responding') invocation.phase = 'dispatched';
  }

  async finish(invocation: Invocation, outcome: Outcome): Promise<void> {
    invocation.markResponded();
    await settleIo();
    invocation.complete(outcome);
    this.inFlight.delete(invocation.requestId);
    this.recent.charge(invocation, invocation.traffic.reduce((sum, record) => sum + record.body.length, 0));
    this.pump();
  }

  /** A streamed response broke off: an exit explains it; otherwise it is reported as truncated. */
  streamBroken(invocation: Invocation): void {
    invocation.markResponded();
    setTimeout(() => {
      if (!invocation.settled) void this.finish(invocation, { status: 'error', payload: Buffer.alloc(0), error: truncatedStreamError(invocation.requestId) });
    }, STREAM_BREAK_GRACE_MS);
  }

  initError(outcome: Outcome): Refusal | undefined {
    if (this.phase !== 'initializing' || this.initErrorSeen) {
      return { status: 403, errorType: 'InvalidStateTransition', errorMessage: 'init/error is only allowed during init, once, before the first /next.' };
    }
    this.initErrorSeen = true;
    clearTimeout(this.initTimer);
    void this.failWaitingForInit(outcome);
    // Let the 202 reach the runtime before it is stopped.
    setImmediate(() => this.reset('failure'));
    return undefined;
  }

  /** The invocation waiting for a failed init gets the failure, the init's duration and its output. */
  private async failWaitingForInit(outcome: Outcome): Promise<void> {
    const waiting = this.queue.shift();
    if (!waiting) return;
    const initMs = performance.now() - this.initStartedAt;
    // The array keeps filling with this init's lines while the pipes settle, even if a new init starts.
    const initLines = this.logs.currentInitLines();
    await settleIo();
    waiting.cold = true;
    waiting.initMs = initMs;
    waiting.logs.push(...initLines);
    waiting.complete(outcome);
  }

  /** Records a request that names `requestId` on that invocation (even after its result). */
  record(requestId: string, record: TrafficRecord): void {
    const invocation = this.inFlight.get(requestId) ?? this.recent.get(requestId);
    if (invocation) invocation.traffic.push(record);
    else this.recordStray(record);
  }

  /** Where a request that names no live invocation is recorded. */
  recordStray(record: TrafficRecord): void {
    if (this.phase === 'initializing' || !this.lastDispatched) this.initRecords.push(record);
    else this.lastDispatched.traffic.push(record);
  }

  /** The body of a successful extension registration. */
  registrationInfo(withAccountId: boolean): Record<string, string> {
    const info: Record<string, string> = {
      functionName: this.options.functionName,
      functionVersion: this.options.functionVersion,
      handler: this.options.handler,
    };
    if (withAccountId) info.accountId = LOCAL_ACCOUNT_ID;
    return info;
  }

  recordInit(record: TrafficRecord): void {
    this.initRecords.push(record);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const invocation of [...this.queue.drain(), ...this.inFlight.values()]) {
      invocation.abandon(new EmulatorClosedError(invocation.requestId));
    }
    this.inFlight.clear();
    this.reset('spindown');
    await this.stopping;
  }

  private pump(): void {
    if (this.closed) return;
    if (!this.process && !this.stopping && this.queue.length > 0) this.spawn();
    while (this.queue.length > 0 && this.inFlight.size < this.options.capacity) {
      const poller = this.pollers.take(this.generation);
      const invocation = poller && this.queue.shift();
      if (!poller || !invocation) break;
      this.dispatch(invocation, poller);
    }
    const idle = this.queue.length === 0 && this.inFlight.size === 0;
    if (this.options.freeze && this.phase === 'ready' && idle && this.pollers.live(this.generation) > 0) {
      this.process?.freeze();
    }
  }

  private spawn(): void {
    this.generation += 1;
    const generation = this.generation;
    this.phase = 'initializing';
    this.initStartedAt = performance.now();
    this.initMs = undefined;
    this.initErrorSeen = false;
    this.servedByProcess = 0;
    this.initRecords = [];
    this.logs.startInit();
    this.pollers.clear();
    this.extensions.reset();
    this.process = new RuntimeProcess(this.options.command, this.options.taskRoot, runtimeEnvironment(this.options, this.runtimeApi()), {
      onLine: (line) => this.logs.route(line, this.phase === 'initializing', this.inFlight),
      onExit: (info) => this.onExit(generation, info),
    });
    if (this.suppressedInit) {
      // A re-init runs inside the invocation that needs it and counts against its timeout.
      const head = this.queue.head;
      head?.armDeadline(this.options.timeoutMs, () => this.onDeadline(head));
    } else {
      this.initTimer = setTimeout(() => this.onInitTimeout(generation), this.options.initLimitMs);
    }
  }

  private initDone(): void {
    this.phase = 'ready';
    this.initMs = performance.now() - this.initStartedAt;
    clearTimeout(this.initTimer);
  }

  private dispatch(invocation: Invocation, poller: Poller): void {
    invocation.markDispatched(this.generation);
    this.inFlight.set(invocation.requestId, invocation);
    this.recent.add(invocation);
    this.lastDispatched = invocation;
    if (this.servedByProcess === 0) {
      invocation.cold = true;
      invocation.initMs = this.initMs;
      invocation.logs.push(...this.logs.takeInitLines());
    }
    this.servedByProcess += 1;
    invocation.armDeadline(this.options.timeoutMs, () => this.onDeadline(invocation));
    this.process?.thaw();
    poller.deliver(invocation);
    this.extensions.invoke({
      requestId: invocation.requestId,
      deadlineMs: invocation.deadlineMs ?? Date.now(),
      invokedFunctionArn: this.functionArn,
      traceId: invocation.context.traceId,
    });
  }

  private onDeadline(invocation: Invocation): void {
    if (invocation.settled) return;
    const waitingForInit = invocation.phase === 'queued';
    this.queue.remove(invocation);
    if (waitingForInit) {
      // It paid for (part of) a re-init that did not finish in time.
      invocation.cold = true;
      invocation.initMs = performance.now() - this.initStartedAt;
      invocation.logs.push(...this.logs.takeInitLines());
    }
    invocation.complete(this.platformError('timeout', timeoutError(invocation.requestId, this.options.timeoutSeconds)));
    this.inFlight.delete(invocation.requestId);
    // Managed Instances do not kill a runtime for one slow invocation; a stuck init is still reset.
    if (waitingForInit || !this.options.managedInstances) this.reset('timeout');
    else this.pump();
  }

  private onInitTimeout(generation: number): void {
    if (generation !== this.generation || this.phase !== 'initializing') return;
    // The platform retries a timed-out init inside the first invocation (a suppressed init).
    this.reset('timeout');
  }

  private onExit(generation: number, exit: ExitInfo): void {
    for (const invocation of [...this.inFlight.values()]) {
      if (invocation.generation !== generation) continue;
      this.inFlight.delete(invocation.requestId);
      invocation.complete(this.platformError('exit', exitError(invocation.requestId, exit)));
    }
    // A process stopped by reset() is accounted for there.
    if (generation !== this.generation || this.process === undefined) return;
    const waiting = this.queue.head;
    if (this.phase === 'initializing' && !this.initErrorSeen && waiting) {
      void this.failWaitingForInit(this.platformError('exit', exitError(waiting.requestId, exit)));
    }
    clearTimeout(this.initTimer);
    this.process = undefined;
    this.phase = 'idle';
    this.suppressedInit = true;
    this.pump();
  }

  /** Stops the current runtime as the platform resets an environment. */
  private reset(reason: ShutdownReason): void {
    const process = this.process;
    clearTimeout(this.initTimer);
    this.pollers.clear();
    this.suppressedInit = true;
    if (!process) return;
    this.process = undefined;
    this.phase = 'stopping';
    process.thaw();
    const noticed = this.extensions.shutdown(reason, Date.now() + SHUTDOWN_GRACE_MS);
    // Managed Instances do not deliver SIGTERM to the function; the extension's SHUTDOWN is the notice.
    const stopped = process.stop(noticed ? SHUTDOWN_GRACE_MS : 0, !this.options.managedInstances);
    this.stopping = stopped.then(() => {
      this.stopping = undefined;
      if (this.process === undefined) this.phase = 'idle';
      this.pump();
    });
  }

  private platformError(status: 'timeout' | 'exit', error: { errorType: string; errorMessage: string }): Outcome {
    return { status, payload: Buffer.from(JSON.stringify(error)), error, errorTypeHeader: error.errorType };
  }
}
