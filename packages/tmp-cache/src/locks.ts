import { closeSync, constants, fstatSync, futimesSync, lstatSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isOwnerAlive, self, type Owner } from './owner.js';

const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

/** A held fill lock: locks/<id>, created O_EXCL, content = owner JSON, mtime = heartbeat. */
export interface FillLock {
  heartbeat(): void;
  release(): void;
}

export type LockState =
  | { kind: 'free' }
  | { kind: 'held'; ino: number }
  | { kind: 'abandoned'; ino: number; reason: 'owner-dead' | 'heartbeat-stale' };

function readOwner(path: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    if (typeof owner.pid === 'number' && typeof owner.start === 'number' && typeof owner.thread === 'number') {
      return { pid: owner.pid, start: owner.start, thread: owner.thread };
    }
  } catch {
    // Unreadable or half-written (the owner died between create and write): treated as dead.
  }
  return undefined;
}

export class FillLocks {
  constructor(private readonly dir: string, private readonly staleMs: number) {}

  tryAcquire(id: string): FillLock | undefined {
    const path = join(this.dir, id);
    let fd: number;
    try {
      fd = openSync(path, CREATE_EXCLUSIVE, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw error;
    }
    writeSync(fd, JSON.stringify(self));
    const ino = fstatSync(fd).ino;
    let released = false;
    return {
      heartbeat: () => {
        if (!released) {
          const now = new Date();
          futimesSync(fd, now, now);
        }
      },
      release: () => {
        if (released) return;
        released = true;
        closeSync(fd);
        // Only remove the lock if it is still ours (a takeover may have replaced it).
        if (lstatSync(path, { throwIfNoEntry: false })?.ino === ino) unlinkSync(path);
      },
    };
  }

  inspect(id: string, now = Date.now()): LockState {
    const path = join(this.dir, id);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats) return { kind: 'free' };
    const owner = readOwner(path);
    // A lock created a moment ago may not have its owner written yet: give it a grace period.
    if (!owner) return now - stats.mtimeMs > 1000 ? { kind: 'abandoned', ino: stats.ino, reason: 'owner-dead' } : { kind: 'held', ino: stats.ino };
    if (!isOwnerAlive(owner)) return { kind: 'abandoned', ino: stats.ino, reason: 'owner-dead' };
    if (now - stats.mtimeMs > this.staleMs) return { kind: 'abandoned', ino: stats.ino, reason: 'heartbeat-stale' };
    return { kind: 'held', ino: stats.ino };
  }

  /**
   * Removes an abandoned lock so that the caller can try to acquire it. A takeover guard
   * (O_EXCL) makes sure two waiters do not both remove it, one of them removing the fresh
   * lock the other has just created.
   */
  takeOver(id: string, observedIno: number): boolean {
    const path = join(this.dir, id);
    const guardPath = `${path}.takeover`;
    let guard: number;
    try {
      guard = openSync(guardPath, CREATE_EXCLUSIVE, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const guardOwner = readOwner(guardPath);
      if (!guardOwner || !isOwnerAlive(guardOwner)) unlinkQuietly(guardPath);
      return false;
    }
    try {
      writeSync(guard, JSON.stringify(self));
      if (lstatSync(path, { throwIfNoEntry: false })?.ino !== observedIno) return false;
      unlinkSync(path);
      return true;
    } finally {
      closeSync(guard);
      unlinkQuietly(guardPath);
    }
  }

  /** At init: removes locks and takeover guards whose owners are dead. */
  sweep(): number {
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      const state = this.inspect(name);
      if (state.kind === 'abandoned' && state.reason === 'owner-dead' && unlinkQuietly(join(this.dir, name))) removed++;
    }
    return removed;
  }
}

function unlinkQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
