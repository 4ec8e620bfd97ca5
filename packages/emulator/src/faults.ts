// Fault injection on the Runtime API, for reliability tests: a seeded share of the runtime's
// requests gets a 500, a reset connection, a slow answer or a truncated answer, so that a
// runtime's fault policy can be exercised against the real emulator. Off unless the
// `faults` option of startEmulator is given; nothing else in the emulator knows about it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatorOptionsError } from './errors.js';
import { sendJson } from './http-body.js';

/**
 * - `status500`: the request is answered 500 without reaching the emulator (the runtime must exit);
 * - `reset`: the connection is destroyed as soon as the request head arrives;
 * - `slow`: the answer is delayed by `slowMs`, then the request is served normally;
 * - `truncate`: the request is served, but only half of the answer's body is sent before the
 *   connection is closed (a `/next` answer then carries a real invocation the runtime cannot read).
 */
export type FaultKind = 'status500' | 'reset' | 'slow' | 'truncate';

/** The Runtime API requests a fault may hit. */
export type FaultTarget = 'next' | 'response' | 'error' | 'init-error';

/** One fault as it is applied, passed to `RuntimeApiFaultOptions.onFault`. */
export interface InjectedFault {
  /** What was done to the request. */
  kind: FaultKind;
  /** Which kind of Runtime API request was hit. */
  target: FaultTarget;
  /** The request's HTTP method. */
  method: string;
  /** The request's path. */
  path: string;
}

/** Fault injection on the Runtime API (the `faults` option of `startEmulator`), for reliability tests of a runtime's fault policy. */
export interface RuntimeApiFaultOptions {
  /** Share of the targeted requests that get a fault, 0..1. */
  rate: number;
  /** Faults to draw from, evenly; default all four. */
  kinds?: readonly FaultKind[];
  /** Requests that may be hit; default all four targets. */
  targets?: readonly FaultTarget[];
  /** Delay of a `slow` answer; default 50 ms. */
  slowMs?: number;
  /** Seed of the draws, so that a run can be replayed; default random. */
  seed?: number;
  /** Told about every fault, before it is applied. */
  onFault?: (fault: InjectedFault) => void;
}

const KINDS: readonly FaultKind[] = ['status500', 'reset', 'slow', 'truncate'];
const TARGETS: readonly FaultTarget[] = ['next', 'response', 'error', 'init-error'];

function targetOf(path: string): FaultTarget | undefined {
  if (path === '/2018-06-01/runtime/invocation/next') return 'next';
  if (path === '/2018-06-01/runtime/init/error') return 'init-error';
  if (/^\/2018-06-01\/runtime\/invocation\/[^/]+\/response$/.test(path)) return 'response';
  if (/^\/2018-06-01\/runtime\/invocation\/[^/]+\/error$/.test(path)) return 'error';
  return undefined;
}

// mulberry32: small, seedable, good enough to spread faults; not for anything secret.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fail(message: string): never {
  throw new EmulatorOptionsError(`startEmulator: faults.${message}`);
}

function subset<T extends string>(name: string, value: readonly T[] | undefined, all: readonly T[]): readonly T[] {
  if (value === undefined) return all;
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => all.includes(item))) {
    fail(`${name} must be a non-empty array of ${all.map((item) => `"${item}"`).join(', ')}.`);
  }
  return value;
}

/** Cuts the body of the answer in half and closes the connection instead of ending it. */
function truncateAnswer(res: ServerResponse): void {
  const end = (chunk?: unknown): ServerResponse => {
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.alloc(0);
    if (body.length > 1) res.write(body.subarray(0, Math.floor(body.length / 2)));
    else res.flushHeaders();
    // end() rather than destroy(): the half body must reach the runtime before the close.
    res.socket?.end();
    return res;
  };
  res.end = end as ServerResponse['end'];
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly kinds: readonly FaultKind[];
  private readonly targets: readonly FaultTarget[];
  private readonly slowMs: number;
  private readonly rate: number;
  private readonly onFault: ((fault: InjectedFault) => void) | undefined;

  constructor(options: RuntimeApiFaultOptions) {
    if (options === null || typeof options !== 'object') fail('must be an object such as { rate: 0.1 }.');
    const { rate, slowMs = 50, seed = Math.floor(Math.random() * 2 ** 32) } = options;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) fail(`rate must be a number from 0 to 1, got ${String(rate)}.`);
    if (typeof slowMs !== 'number' || !Number.isFinite(slowMs) || slowMs < 0) fail(`slowMs must be a non-negative number, got ${String(slowMs)}.`);
    if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${String(seed)}.`);
    if (options.onFault !== undefined && typeof options.onFault !== 'function') fail('onFault must be a function.');
    this.rate = rate;
    this.slowMs = slowMs;
    this.kinds = subset('kinds', options.kinds, KINDS);
    this.targets = subset('targets', options.targets, TARGETS);
    this.random = seededRandom(seed);
    this.onFault = options.onFault;
  }

  /** Applies a fault to this request if one is drawn; true when the request is fully handled. */
  async intercept(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const target = targetOf(path);
    if (target === undefined || !this.targets.includes(target) || this.random() >= this.rate) return false;
    const kind = this.kinds[Math.floor(this.random() * this.kinds.length)] ?? 'slow';
    try {
      this.onFault?.({ kind, target, method: req.method ?? '', path });
    } catch {
      // A failing observer must not change what the runtime sees.
    }
    switch (kind) {
      case 'status500':
        req.resume();
        sendJson(res, 500, { errorType: 'InternalError', errorMessage: 'Injected fault: the Runtime API failed (emulator faults option).' });
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'slow':
        await sleep(this.slowMs);
        return false;
      case 'truncate':
        truncateAnswer(res);
        return false;
    }
  }
}
