import { nodeFs, nodeStream } from '../node-builtins.js';

/**
 * Writes one finished line (its text and newline) to stdout or stderr with the line's own
 * write(2), when that changes nothing but the cost.
 *
 * `process.stdout.write` goes through the Writable machinery (state, a Buffer copy of the
 * text, a callback scheduled for later) before the same synchronous write(2) that
 * `fs.writeSync` makes: 0.35-0.5 µs more a line on Node 22 and 24 here, a tenth of what an
 * invocation with one log line and one metric costs in JavaScript. The direct write is made
 * only when the stream would make the same one: its `write` is Node's own (a test spy, an APM
 * hook or our worker-thread stdio has not replaced it: they still see every line), it has a
 * file descriptor (a worker thread's stdout has none), and nothing is held in it (queued
 * after a full pipe, or corked): the line must not overtake what is. A write(2) that fails
 * writes nothing, and the stream then writes the line or reports the error as it always
 * does; a write(2) that takes only part of the line (a full non-blocking pipe) leaves the
 * rest to the stream, which queues it in order.
 */
let fs: ReturnType<typeof nodeFs> | undefined;
let nodeWrite: unknown;

/** What writeLine uses of a stream (process.stdout and process.stderr are ones). */
export type LineStream = Pick<NodeJS.WriteStream, 'write' | 'writableLength'>;

export function writeLine(stream: LineStream, text: string): void {
  nodeWrite ??= nodeStream().Writable.prototype.write;
  const fd = (stream as { fd?: unknown }).fd;
  if (stream.write !== nodeWrite || typeof fd !== 'number' || stream.writableLength !== 0) {
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
  // A line of one-byte characters is whole when `written` is its length; only otherwise count bytes.
  if (written !== text.length && written < Buffer.byteLength(text)) stream.write(Buffer.from(text).subarray(written));
}
