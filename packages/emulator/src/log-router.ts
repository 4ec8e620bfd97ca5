// Attributes each line the runtime prints to an invocation: by the request id the line carries
// (what matters under concurrency), else to the only invocation in flight, else to the init.
import type { Invocation } from './invocation.js';

const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Init output is kept for the cold invocation; a runtime that prints without end during a long
// init must not grow memory without bound.
const MAX_INIT_LINES = 10_000;

export class LogRouter {
  private initLines: string[] = [];

  constructor(
    private readonly onLog: ((line: string, requestId: string | undefined) => void) | undefined,
    private readonly find: (requestId: string) => Invocation | undefined,
  ) {}

  startInit(): void {
    this.initLines = [];
  }

  /** The array the current init's lines go to (a new init gets a new array). */
  currentInitLines(): string[] {
    return this.initLines;
  }

  /** The init lines, handed once to the invocation that paid for the init. */
  takeInitLines(): string[] {
    const lines = this.initLines;
    this.initLines = [];
    return lines;
  }

  route(line: string, initializing: boolean, inFlight: ReadonlyMap<string, Invocation>): void {
    const owner = this.owner(line, initializing, inFlight);
    if (owner && !owner.settled) owner.logs.push(line);
    else if (!owner && initializing && this.initLines.length < MAX_INIT_LINES) this.initLines.push(line);
    this.emit(line, owner?.requestId);
  }

  private owner(line: string, initializing: boolean, inFlight: ReadonlyMap<string, Invocation>): Invocation | undefined {
    for (const match of line.matchAll(REQUEST_ID)) {
      const invocation = this.find(match[0].toLowerCase());
      if (invocation) return invocation;
    }
    if (initializing) return undefined;
    if (inFlight.size === 1) return inFlight.values().next().value;
    return undefined;
  }

  private emit(line: string, requestId: string | undefined): void {
    if (!this.onLog) return;
    try {
      this.onLog(line, requestId);
    } catch {
      // A throwing log callback must not take the emulator down with it.
    }
  }
}
