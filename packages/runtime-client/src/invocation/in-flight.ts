// The invocations that have started and not yet produced an outcome. Process-wide events
// (the event loop draining, an uncaught exception) concern all of them, whichever loop
// runs them.

export interface InFlight {
  readonly requestId: string;
  /** Called when the process has nothing left to do (Node's 'beforeExit'). */
  onEventLoopDrained(): void;
  /** Stops the invocation from reporting anything itself: the process is about to die. */
  abandon(): void;
}

const inFlight = new Set<InFlight>();

export function track(invocation: InFlight): void {
  inFlight.add(invocation);
}

export function untrack(invocation: InFlight): void {
  inFlight.delete(invocation);
}

export function inFlightInvocations(): InFlight[] {
  return [...inFlight];
}

export function notifyEventLoopDrained(): void {
  for (const invocation of [...inFlight]) invocation.onEventLoopDrained();
}
