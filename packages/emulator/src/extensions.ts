// The part of the Extensions API (2020-01-01) that lets an extension registered by the runtime
// learn about invocations and, above all, receive SHUTDOWN before the process is stopped.
import { randomUUID } from 'node:crypto';

export type ShutdownReason = 'spindown' | 'timeout' | 'failure';
export type ExtensionEventType = 'INVOKE' | 'SHUTDOWN';

export interface ExtensionEvent {
  eventType: ExtensionEventType;
  deadlineMs: number;
  [field: string]: unknown;
}

type Waiter = (event: ExtensionEvent) => void;

interface Registration {
  readonly id: string;
  readonly name: string;
  readonly events: ReadonlySet<ExtensionEventType>;
  readonly pending: ExtensionEvent[];
  waiter: Waiter | undefined;
}

export type RegisterOutcome =
  | { ok: true; id: string }
  | { ok: false; status: number; errorType: string; errorMessage: string };

// An extension that subscribes to INVOKE and never asks for events must not grow memory.
const MAX_PENDING_EVENTS = 100;
const EVENT_TYPES: readonly ExtensionEventType[] = ['INVOKE', 'SHUTDOWN'];

export class Extensions {
  private registrations = new Map<string, Registration>();

  /** A new runtime process starts with no extension registered. */
  reset(): void {
    this.registrations = new Map();
  }

  register(name: string | undefined, events: unknown): RegisterOutcome {
    if (name === undefined || name === '') {
      return { ok: false, status: 400, errorType: 'Extension.InvalidExtensionName', errorMessage: 'The Lambda-Extension-Name header is required.' };
    }
    if (!Array.isArray(events) || !events.every((event) => EVENT_TYPES.includes(event as ExtensionEventType))) {
      return { ok: false, status: 400, errorType: 'Extension.InvalidEventType', errorMessage: `The body must be {"events": [...]} with events from ${EVENT_TYPES.join(', ')}.` };
    }
    for (const existing of this.registrations.values()) {
      if (existing.name === name) {
        return { ok: false, status: 409, errorType: 'Extension.AlreadyRegistered', errorMessage: `An extension named ${name} is already registered.` };
      }
    }
    const id = randomUUID();
    this.registrations.set(id, { id, name, events: new Set(events as ExtensionEventType[]), pending: [], waiter: undefined });
    return { ok: true, id };
  }

  isRegistered(id: string | undefined): boolean {
    return id !== undefined && this.registrations.has(id);
  }

  /** Answers at once when an event is pending, else parks the waiter until one is. */
  next(id: string, waiter: Waiter): void {
    const registration = this.registrations.get(id);
    if (!registration) return;
    const event = registration.pending.shift();
    if (event) waiter(event);
    else registration.waiter = waiter;
  }

  /** Drops a parked waiter whose connection closed. */
  forget(id: string, waiter: Waiter): void {
    const registration = this.registrations.get(id);
    if (registration?.waiter === waiter) registration.waiter = undefined;
  }

  invoke(fields: { requestId: string; deadlineMs: number; invokedFunctionArn: string; traceId: string }): void {
    this.publish('INVOKE', {
      eventType: 'INVOKE',
      deadlineMs: fields.deadlineMs,
      requestId: fields.requestId,
      invokedFunctionArn: fields.invokedFunctionArn,
      tracing: { type: 'X-Amzn-Trace-Id', value: fields.traceId },
    });
  }

  /** Sends SHUTDOWN; true when at least one extension subscribed to it (the grace period applies). */
  shutdown(reason: ShutdownReason, deadlineMs: number): boolean {
    return this.publish('SHUTDOWN', { eventType: 'SHUTDOWN', shutdownReason: reason, deadlineMs }) > 0;
  }

  private publish(type: ExtensionEventType, event: ExtensionEvent): number {
    let subscribers = 0;
    for (const registration of this.registrations.values()) {
      if (!registration.events.has(type)) continue;
      subscribers += 1;
      const waiter = registration.waiter;
      if (waiter) {
        registration.waiter = undefined;
        waiter(event);
      } else if (registration.pending.length < MAX_PENDING_EVENTS) {
        registration.pending.push(event);
      }
    }
    return subscribers;
  }
}
