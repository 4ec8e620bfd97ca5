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

/** Remembers recent request ids so that a late response gets 403 (known) rather than 400. */
export class RecentInvocations {
  private readonly byId = new Map<string, Invocation>();

  constructor(private readonly capacity: number) {}

  add(invocation: Invocation): void {
    this.byId.set(invocation.requestId, invocation);
    if (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
  }

  get(id: string): Invocation | undefined {
    return this.byId.get(id);
  }
}
