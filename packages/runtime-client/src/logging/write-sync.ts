import { writeSync } from 'node:fs';
import { SLOT, sharedState } from '../workers/shared-state.js';

// A shared buffer only to give Atomics.wait something to wait on: it is the one way to
// sleep synchronously in Node without spinning a core.
const sleeper = new Int32Array(new SharedArrayBuffer(4));
// A thread that died holding the lock (terminated mid-write) must not silence the others for
// ever: after this long a writer goes ahead without it.
const LOCK_PATIENCE_MS = 2000;

/**
 * Writes every byte to `fd` before returning, so a log line written just before the
 * response is sent is on the pipe before the environment can be frozen.
 * A pipe fd can be non-blocking (Node makes it so once anything touches process.stdout):
 * a full pipe then answers EAGAIN, which means "wait for the reader", not "drop the line".
 * Worker threads write under one process-wide lock: a pipe takes at most 4 KiB in one piece,
 * and two threads' longer lines would otherwise come out cut into each other.
 */
export function writeAllSync(fd: number, bytes: Buffer): void {
  const state = sharedState();
  const locked = acquire(state);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(sleeper, 0, 0, 1);
      }
    }
  } finally {
    if (locked) release(state);
  }
}

// The lock is 0 (free), 1 (held) or 2 (held, and someone may be waiting): an uncontended write
// costs two atomic operations and never wakes anybody.
function acquire(state: Int32Array): boolean {
  if (Atomics.compareExchange(state, SLOT.writeLock, 0, 1) === 0) return true;
  const giveUpAt = Date.now() + LOCK_PATIENCE_MS;
  while (Atomics.exchange(state, SLOT.writeLock, 2) !== 0) {
    if (Date.now() > giveUpAt) return false;
    Atomics.wait(state, SLOT.writeLock, 2, 10);
  }
  return true;
}

function release(state: Int32Array): void {
  if (Atomics.exchange(state, SLOT.writeLock, 0) === 2) Atomics.notify(state, SLOT.writeLock, 1);
}
