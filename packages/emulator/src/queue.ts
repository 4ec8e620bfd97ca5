// Waiting invocations (FIFO) and the runtime's parked `/next` requests.
import type { Invocation } from './invocation.js';

/** A parked `/next` request; `generation` names the runtime process that made it. */
export interface Poller {
  readonly generation: number;
  /** True once the runtime dropped the request (its socket closed). */
  readonly closed: boolean;
  deliver(invocation: Invocation): void;
}

export class InvocationQueue {
  private readonly waiting: Invocation[] = [];

  get length(): number {
    return this.waiting.length;
  }

  get head(): Invocation | undefined {
    return this.waiting[0];
  }

  push(invocation: Invocation): void {
    this.waiting.push(invocation);
  }

  shift(): Invocation | undefined {
    return this.waiting.shift();
  }

  remove(invocation: Invocation): void {
    const index = this.waiting.indexOf(invocation);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  drain(): Invocation[] {
    return this.waiting.splice(0, this.waiting.length);
  }
}

export class PollerSet {
  private pollers: Poller[] = [];

  /** Live pollers of the given runtime generation (dropped and stale ones are forgotten). */
  live(generation: number): number {
    this.pollers = this.pollers.filter((poller) => !poller.closed && poller.generation === generation);
    return this.pollers.length;
  }

  add(poller: Poller): void {
    this.pollers.push(poller);
  }

  take(generation: number): Poller | undefined {
    this.live(generation);
    return this.pollers.shift();
  }

  clear(): void {
    this.pollers = [];
  }
}

/**
 * Remembers recent invocations so that a late response gets 403 (known) rather than 400:
 * the last `capacity` of them, fewer when the payloads they hold (event, Runtime API bodies)
 * add up to more than `byteBudget`, so that large payloads are not kept by the thousand.
 */
export class RecentInvocations {
  private readonly byId = new Map<string, { invocation: Invocation; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly byteBudget: number,
  ) {}

  add(invocation: Invocation): void {
    this.byId.set(invocation.requestId, { invocation, bytes: 0 });
    this.charge(invocation, invocation.event.length);
  }

  /** Counts `bytes` more held by this invocation, and forgets the oldest ones over budget. */
  charge(invocation: Invocation, bytes: number): void {
    const entry = this.byId.get(invocation.requestId);
    if (entry) {
      entry.bytes += bytes;
      this.bytes += bytes;
    }
    while (this.byId.size > this.capacity || (this.bytes > this.byteBudget && this.byId.size > 1)) {
      const [oldest, forgotten] = this.byId.entries().next().value as [string, { bytes: number }];
      this.byId.delete(oldest);
      this.bytes -= forgotten.bytes;
    }
  }

  get(id: string): Invocation | undefined {
    return this.byId.get(id)?.invocation;
  }
}
