import { closeSync, constants, openSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isOwnerAlive, ownerTag, parseOwnerTag } from './owner.js';

const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

/** A path handed to the caller; while held, eviction and replacement keep the file. */
export interface Lease {
  readonly key: string;
  release(): void;
}

/**
 * Leases on entry files. In memory for this process, and as empty files in leases/ so
 * that other processes and threads evicting the same cache see them too:
 *   leases/<id>.<gen>.<pid>.<start>.<thread>.<n>
 */
export class Leases {
  private readonly held = new Map<string, number>();
  private counter = 0;

  constructor(private readonly dir: string) {}

  acquire(id: string, gen: string): Lease {
    const key = `${id}.${gen}`;
    const file = join(this.dir, `${key}.${ownerTag()}.${++this.counter}`);
    closeSync(openSync(file, CREATE_EXCLUSIVE, 0o600));
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    let released = false;
    return {
      key,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
        try {
          unlinkSync(file);
        } catch {
          // Already swept (e.g. the cache was cleared): nothing left to release.
        }
      },
    };
  }

  heldHere(id: string, gen: string): boolean {
    return this.held.has(`${id}.${gen}`);
  }

  /** `${id}.${gen}` of every lease any live process holds; leases of dead owners are removed. */
  scan(): { leased: Set<string>; removed: number } {
    const leased = new Set(this.held.keys());
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      const parts = name.split('.');
      const owner = parts.length === 6 ? parseOwnerTag(parts.slice(2, 5)) : undefined;
      if (owner && isOwnerAlive(owner)) {
        leased.add(`${parts[0]}.${parts[1]}`);
        continue;
      }
      try {
        unlinkSync(join(this.dir, name));
        removed++;
      } catch {
        // Removed concurrently by another process.
      }
    }
    return { leased, removed };
  }
}
