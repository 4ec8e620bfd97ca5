// The main thread on Managed Instances (worker threads: 8 per CPU by default, or
// AWS_LAMBDA_NODEJS_WORKER_COUNT): starts the workers, waits for every
// module init, reports the first init failure (once: /init/error is per environment),
// registers the shutdown extension if any worker wants it, then lets them poll.
// A worker that dies while running is reported and replaced: its invocations in flight get
// a Runtime.ExitError at once (the caller does not wait for a timeout that Managed Instances
// never enforce), and the others never notice. A worker that reports a Runtime API failure
// ends the process, as one loop would; so do workers that keep dying (5 within 10 s).
import type { Worker } from 'node:worker_threads';
import { RuntimeApi } from '../api/runtime-api.js';
import { builtin } from '../builtin.js';
import { errorReport, RuntimeError } from '../invocation/error-report.js';
import type { RuntimeConfig } from '../loop/config.js';
import { EXIT } from '../loop/fatal-error.js';
import { enterRunningPhase } from '../loop/process-events.js';
import { EXIT_MARGIN_MS } from '../shutdown/run-hooks.js';
import { prepareShutdown } from '../shutdown/prepare.js';
import { shutdownRegistry } from '../shutdown/registry.js';
import { WORKER_SPEC_ENV, type FromWorker, type ToWorker, type WorkerSpec } from './messages.js';
import { sharedStateBuffer } from './shared-state.js';
import { splitConcurrency } from './split.js';

declare const __filename: string | undefined;

const CRASH_LOOP_DEATHS = 5;
const CRASH_LOOP_WINDOW_MS = 10_000;

interface Member {
  spec: WorkerSpec;
  worker: Worker;
  /** Kept: worker.threadId reads -1 once the thread has exited. */
  threadId: number;
  inFlight: Set<string>;
  ready: boolean;
}

export class Supervisor {
  private readonly members = new Map<number, Member>();
  private readonly deaths: number[] = [];
  private running = false;
  private shuttingDown = false;
  private extensionRegistered = false;
  private orphanPosts: Promise<unknown> = Promise.resolve();
  private api: RuntimeApi | undefined;
  private readonly shutdownWaiters = new Set<(member: Member) => void>();
  private initReported = false;

  constructor(
    private readonly config: RuntimeConfig,
    private readonly telemetryFd: string | undefined,
  ) {}

  async start(): Promise<void> {
    const loops = splitConcurrency(this.config.concurrency, this.config.workers);
    const inits = loops.map((count, index) => this.spawn({ index, loops: count, telemetryFd: this.telemetryFd }));
    const hooks = (await Promise.all(inits)).reduce((sum, n) => sum + n, 0) + shutdownRegistry().hooks.size;
    this.extensionRegistered = await prepareShutdown({
      host: this.config.host,
      port: this.config.port,
      mode: this.config.shutdownExtension,
      hooksAtInit: hooks,
      managedInstances: true,
      fanOut: (reason, deadlineMs) => this.shutdownWorkers(reason, deadlineMs),
    });
    enterRunningPhase();
    this.running = true;
    for (const member of this.members.values()) this.send(member, this.startMessage());
  }

  /** Starts a worker; resolves with the hooks it registered during init once its module is loaded. */
  private spawn(spec: WorkerSpec): Promise<number> {
    const entry = typeof __filename === 'string' ? __filename : process.argv[1]!;
    const { Worker } = builtin('node:worker_threads');
    const worker = new Worker(entry, { env: { ...process.env, [WORKER_SPEC_ENV]: JSON.stringify(spec) }, workerData: { shared: sharedStateBuffer() } });
    const member: Member = { spec, worker, threadId: worker.threadId, inFlight: new Set(), ready: false };
    this.members.set(spec.index, member);
    return new Promise<number>((resolveReady) => {
      let lastError: Error | undefined;
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            member.ready = true;
            resolveReady(message.hooks);
            if (this.running) this.send(member, this.startMessage());
            break;
          case 'init-failed':
            void this.initFailed(spec, message.report);
            break;
          case 'started':
            member.inFlight.add(message.requestId);
            break;
          case 'finished':
            member.inFlight.delete(message.requestId);
            break;
          case 'fatal':
            // The worker logged why; the Runtime API is unusable for every worker.
            // (While shutting down, the coordinator decides when to exit.)
            if (!this.shuttingDown) process.exit(message.exitCode);
            break;
          case 'shutdown-done':
            this.shutdownWaiters.forEach((notify) => notify(member));
            break;
        }
      });
      worker.on('error', (error) => {
        lastError = error;
      });
      worker.on('exit', (code) => this.onExit(member, code, lastError));
    });
  }

  private startMessage(): ToWorker {
    return { type: 'start', extensionRegistered: this.extensionRegistered, shutdownMode: this.config.shutdownExtension };
  }

  private send(member: Member, message: ToWorker): void {
    member.worker.postMessage(message);
  }

  private async initFailed(spec: WorkerSpec, report: { body: Uint8Array; errorType: string; xrayCause?: string }): Promise<void> {
    if (this.running) {
      console.error(`The replacement for worker thread ${spec.index} failed its init (above); exiting so the platform replaces the environment.`);
      process.exit(EXIT.runtimeApi);
    }
    // The first failing worker reports for the environment; the process exits before a second can.
    await this.postInitError({ body: Buffer.from(report.body), errorType: report.errorType, xrayCause: report.xrayCause });
  }

  private async postInitError(report: { body: Buffer; errorType: string; xrayCause?: string | undefined }): Promise<never> {
    if (this.initReported) return new Promise<never>(() => undefined);
    this.initReported = true;
    const { xrayCause, ...rest } = report;
    try {
      await this.runtimeApi().initFail(xrayCause === undefined ? rest : { ...rest, xrayCause });
    } catch (error) {
      console.error(`Could not report the init error to the Runtime API: ${(error as Error).message}`);
    }
    process.exit(EXIT.initError);
  }

  private onExit(member: Member, code: number, error: Error | undefined): void {
    if (this.members.get(member.spec.index) !== member || this.shuttingDown) return;
    this.members.delete(member.spec.index);
    const how = `(thread ${member.threadId}) exited with code ${code}${error ? ` (${error.name}: ${error.message})` : ''}`;
    if (!member.ready) {
      // Its own init failure report (delivered before 'exit') already stands for the environment.
      if (this.initReported) return;
      // It died before reporting an init failure itself (the event loop emptied, a crash).
      if (this.running) {
        console.error(`The replacement for worker thread ${member.spec.index} ${how} during its init; exiting so the platform replaces the environment.`);
        process.exit(EXIT.runtimeApi);
      }
      const failure = errorReport(new RuntimeError('Runtime.ExitError', `Worker thread ${member.spec.index} ${how} before its module init finished.`));
      console.error('Init Error', failure.body.toString());
      void this.postInitError(failure);
      return;
    }
    this.reportOrphans(member, how);
    const now = Date.now();
    this.deaths.push(now);
    while (this.deaths.length > 0 && this.deaths[0]! < now - CRASH_LOOP_WINDOW_MS) this.deaths.shift();
    if (this.deaths.length >= CRASH_LOOP_DEATHS) {
      console.error(`Worker threads keep dying (${this.deaths.length} within ${CRASH_LOOP_WINDOW_MS / 1000} s; the last ${how}); exiting so the platform replaces the environment.`);
      void this.orphanPosts.then(() => process.exit(EXIT.runtimeApi));
      return;
    }
    console.error(`Worker thread ${member.spec.index} ${how}; the invocations it was running (${member.inFlight.size}) got an error. Starting a replacement (module init runs again in it).`);
    void this.spawn(member.spec);
  }

  /** The dead worker's invocations in flight get an error now; a 403 means the worker reported them itself. */
  private reportOrphans(member: Member, how: string): void {
    for (const requestId of member.inFlight) {
      const report = errorReport(new RuntimeError('Runtime.ExitError', `RequestId: ${requestId} Error: the worker thread running this invocation ${how}.`));
      this.orphanPosts = this.orphanPosts.then(() => this.runtimeApi().fail(requestId, report)).catch(() => undefined);
    }
  }

  private runtimeApi(): RuntimeApi {
    this.api ??= new RuntimeApi(this.config.host, this.config.port, this.config.userAgent);
    return this.api;
  }

  /** Runs every worker's hooks by the deadline; resolves when all are done or the budget is spent. */
  private shutdownWorkers(reason: string, deadlineMs: number): Promise<void> {
    this.shuttingDown = true;
    const live = [...this.members.values()].filter((member) => member.ready);
    return new Promise<void>((resolve) => {
      const pending = new Set(live);
      const timer = setTimeout(resolve, Math.max(0, deadlineMs - EXIT_MARGIN_MS - Date.now()));
      const done = (member: Member): void => {
        if (!pending.delete(member) || pending.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      if (live.length === 0) {
        clearTimeout(timer);
        resolve();
        return;
      }
      this.shutdownWaiters.add(done);
      for (const member of live) {
        member.worker.once('exit', () => done(member));
        this.send(member, { type: 'shutdown', reason, deadlineMs });
      }
    });
  }
}
