import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TmpCacheOptionsError } from './errors.js';
import { randomSuffix } from './names.js';
import { ownerTag, runtimeId } from './owner.js';
import type { Lease } from './leases.js';

/** The parts of the Lambda context the cache uses (a real Context fits). */
export interface LambdaContextLike {
  /** The request id of the invocation. */
  awsRequestId?: string;
  /** Milliseconds left before the function times out. */
  getRemainingTimeInMillis?: () => number;
  /** The tenant of the invocation, in tenant isolation mode. */
  tenantId?: string;
}

const SAFE_SCRATCH_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;

/**
 * One invocation as the cache sees it: a sequence number for "written in this
 * invocation", its deadline (for lock waits and maintenance), leases to release at the
 * end, and a private scratch directory created on first use and removed at the end.
 */
export class InvocationScope {
  readonly startedAt = Date.now();
  readonly deadlineAt: number | undefined;
  readonly requestId: string | undefined;
  readonly tenantId: string | undefined;
  readonly leases: Lease[] = [];
  ended = false;
  private scratch: string | undefined;

  constructor(
    readonly seq: number,
    /** True for the first invocation of this runtime instance (it paid the init). */
    readonly cold: boolean,
    private readonly scratchRoot: string,
    context: LambdaContextLike | undefined,
  ) {
    this.requestId = typeof context?.awsRequestId === 'string' ? context.awsRequestId : undefined;
    this.tenantId = typeof context?.tenantId === 'string' && context.tenantId !== '' ? context.tenantId : undefined;
    const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
    this.deadlineAt = typeof remaining === 'number' && Number.isFinite(remaining) ? this.startedAt + remaining : undefined;
  }

  /** This invocation's own directory (0700), removed when the invocation ends. */
  get scratchDir(): string {
    if (this.ended) throw new TmpCacheOptionsError('This invocation has ended; its scratch directory is gone. Use scratch only inside the invocation.');
    if (!this.scratch) {
      const dir = join(this.scratchRoot, `${ownerTag()}.${runtimeId}.${this.seq}.${randomSuffix()}`);
      mkdirSync(dir, { mode: 0o700 });
      this.scratch = dir;
    }
    return this.scratch;
  }

  /** A path for a file in the scratch directory; `name` is one plain file name. */
  scratchPath(name: string): string {
    if (typeof name !== 'string' || !SAFE_SCRATCH_NAME.test(name)) {
      throw new TmpCacheOptionsError(`Scratch file name ${JSON.stringify(name)} is not a plain file name (letters, digits, ".", "_", "-"; no "/" or leading ".").`);
    }
    return join(this.scratchDir, name);
  }

  remainingMs(now = Date.now()): number | undefined {
    return this.deadlineAt === undefined ? undefined : this.deadlineAt - now;
  }

  /** Releases leases and removes the scratch directory. */
  close(): void {
    this.ended = true;
    for (const lease of this.leases.splice(0)) lease.release();
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true });
  }
}
