import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';

/**
 * Who owns a temp file, lock, lease, scratch dir or marker: pid + process start time
 * (+ thread id). The start time guards against pid reuse: after a crash the new runtime
 * process often gets the same small pid inside the sandbox's pid namespace.
 */
export interface Owner {
  pid: number;
  /** Process start time in clock ticks since boot (Linux), or 0 when unknown. */
  start: number;
  thread: number;
}

function readStartTicks(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may contain spaces: parse after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

const hasProcfs = readStartTicks('self') !== undefined;

export const self: Owner = { pid: process.pid, start: readStartTicks('self') ?? 0, thread: threadId };

/** Random id of this runtime instance (one per process and worker thread). */
export const runtimeId = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0').slice(-8);

/** Owner encoded for file names: `pid.start.thread` (digits only, no separators inside). */
export function ownerTag(owner: Owner = self): string {
  return `${owner.pid}.${owner.start}.${owner.thread}`;
}

export function parseOwnerTag(parts: string[]): Owner | undefined {
  const [pid, start, thread] = parts.map(Number);
  if (!Number.isInteger(pid) || !Number.isInteger(start) || !Number.isInteger(thread)) return undefined;
  return { pid: pid!, start: start!, thread: thread! };
}

export function isSelfProcess(owner: Owner): boolean {
  return owner.pid === self.pid && owner.start === self.start;
}

/**
 * Whether the owning process still runs. A thread of a live process counts as alive: a
 * process cannot see its sibling threads, so their locks fall back to the heartbeat.
 */
export function isOwnerAlive(owner: Owner): boolean {
  if (isSelfProcess(owner)) return true;
  if (hasProcfs) {
    const start = readStartTicks(owner.pid);
    if (start === undefined) return false;
    return owner.start === 0 || start === owner.start;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
