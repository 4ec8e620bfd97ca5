// One runtime process: spawn, output lines, freeze/thaw, and the platform's way of stopping it.
import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-splitter.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the command could not be started at all. */
  spawnError?: string;
}

export interface RuntimeProcessHooks {
  onLine(line: string): void;
  onExit(info: ExitInfo): void;
}

// Grace for the pipes to close after the process exits, so that its last lines are read
// before the exit is reported (a grandchild holding the pipes must not block it).
const PIPE_CLOSE_GRACE_MS = 100;

const live = new Set<ChildProcess>();
let cleanupInstalled = false;

// A test runner that exits without close() must not leave runtimes behind (frozen ones least of all).
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

export class RuntimeProcess {
  private readonly child: ChildProcess;
  private frozen = false;
  private exitInfo: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;

  constructor(command: readonly string[], cwd: string, env: Record<string, string>, hooks: RuntimeProcessHooks) {
    installCleanup();
    const [file, ...args] = command as [string, ...string[]];
    this.child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.child);
    const out = new LineSplitter(hooks.onLine);
    const err = new LineSplitter(hooks.onLine);
    this.child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    this.exited = new Promise<ExitInfo>((resolveExit) => {
      const finish = (info: ExitInfo): void => {
        if (this.exitInfo) return;
        this.exitInfo = info;
        live.delete(this.child);
        out.end();
        err.end();
        hooks.onExit(info);
        resolveExit(info);
      };
      this.child.once('error', (error: NodeJS.ErrnoException) => {
        // 'error' without a pid means the command never started (ENOENT, EACCES).
        if (this.child.pid === undefined) finish({ code: null, signal: null, spawnError: error.message });
      });
      this.child.once('exit', (code, signal) => {
        const info = { code, signal };
        const timer = setTimeout(() => finish(info), PIPE_CLOSE_GRACE_MS);
        this.child.once('close', () => {
          clearTimeout(timer);
          finish(info);
        });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitInfo === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the process between invocations, as the platform freezes an environment. */
  freeze(): void {
    if (this.frozen || !this.alive) return;
    this.frozen = this.signal('SIGSTOP');
  }

  thaw(): void {
    if (!this.frozen) return;
    this.frozen = false;
    this.signal('SIGCONT');
  }

  signal(name: NodeJS.Signals): boolean {
    if (!this.alive) return false;
    try {
      return this.child.kill(name);
    } catch {
      return false;
    }
  }

  /**
   * Stops the process: with a grace period, SIGTERM (unless `sigterm` is false) then SIGKILL
   * when the grace ends; without one, SIGKILL at once (the platform's 0 ms notice).
   */
  async stop(graceMs: number, sigterm: boolean): Promise<ExitInfo> {
    this.thaw();
    if (!this.alive) return this.exited;
    if (graceMs <= 0) {
      this.signal('SIGKILL');
      return this.exited;
    }
    if (sigterm) this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }
}
