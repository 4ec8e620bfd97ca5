import { nodeFs, nodeStream } from '../node-builtins.js';

/**
 * Writes one finished line (its text and newline) to stdout or stderr with the line's own
 * write(2), when that changes nothing but the cost.
 *
 * `process.stdout.write` goes through the Writable machinery (state, a Buffer copy of the
 * text, a callback scheduled for later) before the same synchronous write(2) that
 * `fs.writeSync` makes: 0.35-0.5 µs more a line on Node 22 and 24 here, about a tenth of what
 * an invocation with one log line and one metric costs in JavaScript. The direct write is
 * made only when the stream would make the same one:
 * - it is the process's own stdio stream on a file, a terminal or a pipe (Node's `_type`
 *   mark; not a stream put in place of process.stdout, which may write elsewhere, nor the
 *   sink Node uses for other kinds of descriptor, which writes nothing);
 * - its `write` is still Node's (a test spy, an APM hook or our worker-thread stdio set on
 *   the stream itself sees every line; so does a hook on Writable.prototype.write added after
 *   the first line, not one added before it);
 * - nothing is held in it (queued after a full pipe, or corked: the line must not overtake
 *   it), and it has not been ended or destroyed (the stream then reports its error).
 * A write(2) that fails wrote nothing: the stream then writes the line or reports the error
 * as it always does. One that takes only part of the line (a full non-blocking pipe: Node
 * makes stdout's pipe non-blocking) leaves the rest to the stream, which queues it in order.
 */
let fs: ReturnType<typeof nodeFs> | undefined;
let nodeWrite: unknown;

/** What writeLine uses of a stream (process.stdout and process.stderr are ones). */
export type LineStream = Pick<NodeJS.WriteStream, 'write' | 'writableLength' | 'writableEnded' | 'destroyed'>;

/** Node sets these on process.stdout and process.stderr (`_type`: 'fs', 'tty' or 'pipe'). */
interface StdioMarks {
  fd?: unknown;
  _type?: unknown;
}

export function writeLine(stream: LineStream, text: string): void {
  nodeWrite ??= nodeStream().Writable.prototype.write;
  const marks = stream as StdioMarks;
  const fd = marks.fd;
  if (
    stream.write !== nodeWrite ||
    typeof fd !== 'number' ||
    !(marks._type === 'fs' || marks._type === 'tty' || marks._type === 'pipe') ||
    stream.writableLength !== 0 ||
    stream.writableEnded ||
    stream.destroyed
  ) {
    stream.write(text);
    return;
  }
  fs ??= nodeFs();
  let written: number;
  try {
    written = fs.writeSync(fd, text);
  } catch {
    stream.write(text);
    return;
  }
  const bytes = Buffer.byteLength(text);
  if (written < bytes) stream.write(Buffer.from(text).subarray(written));
}
