import { writeSync } from 'node:fs';

// A shared buffer only to give Atomics.wait something to wait on: it is the one way to
// sleep synchronously in Node without spinning a core.
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte to `fd` before returning, so a log line written just before the
 * response is sent is on the pipe before the environment can be frozen.
 * A pipe fd can be non-blocking (Node makes it so once anything touches process.stdout):
 * a full pipe then answers EAGAIN, which means "wait for the reader", not "drop the line".
 */
export function writeAllSync(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(sleeper, 0, 0, 1);
    }
  }
}
