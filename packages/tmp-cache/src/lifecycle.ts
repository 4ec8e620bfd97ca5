import { closeSync, constants, openSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isOwnerAlive, isSelfProcess, ownerTag, parseOwnerTag, runtimeId } from './owner.js';

/**
 * How this runtime instance started, learned only from public surfaces: environment
 * variables and the cache's own markers in run/.
 *  - new-environment: no marker of an earlier runtime: /tmp was empty for us.
 *  - warm-reuse: an earlier runtime used this environment and ended cleanly (or a sibling
 *    instance in this process is running).
 *  - reinit-after-crash: an earlier runtime died during an invocation (timeout, crash, OOM:
 *    its invocation marker was never cleared) or died outside one (init failure).
 *  - provisioned-concurrency: AWS_LAMBDA_INITIALIZATION_TYPE says so (init may run long
 *    before the first invocation).
 *  - managed-instances-worker: Lambda Managed Instances (many concurrent invocations and
 *    workers share /tmp).
 */
export type StartClass =
  | 'new-environment'
  | 'warm-reuse'
  | 'reinit-after-crash'
  | 'provisioned-concurrency'
  | 'managed-instances-worker';

/** How this runtime instance started, and the evidence: `cache.start`. */
export interface StartInfo {
  /** The kind of start (new environment, warm reuse, re-init after a crash...). */
  class: StartClass;
  /** AWS_LAMBDA_INITIALIZATION_TYPE as found (undefined outside Lambda). */
  initializationType: string | undefined;
  /** Human-readable evidence for the class, e.g. "1 invocation of pid 8 never finished". */
  reasons: string[];
  /** Invocations of dead runtimes whose marker was never cleared (timeouts, crashes). */
  interruptedInvocations: number;
  /** Dead runtime processes found (each crashed or was killed). */
  deadRuntimes: number;
  /** Live sibling runtimes sharing this cache (Managed Instances workers, other threads). */
  liveSiblings: number;
  /** When this environment's cache was first created (epoch ms). */
  environmentCreatedAt: number;
}

const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
const ENV_MARKER = 'env';

export function processMarkerName(): string {
  return `proc.${ownerTag()}.${runtimeId}`;
}

export function invocationMarkerName(seq: number): string {
  return `inv.${ownerTag()}.${runtimeId}.${seq}`;
}

export function createMarker(runDir: string, name: string): void {
  closeSync(openSync(join(runDir, name), CREATE_EXCLUSIVE, 0o600));
}

export function removeMarker(runDir: string, name: string): void {
  try {
    unlinkSync(join(runDir, name));
  } catch {
    // Already gone.
  }
}

export function classifyStart(runDir: string, env: NodeJS.ProcessEnv, now: number): StartInfo {
  const initializationType = env.AWS_LAMBDA_INITIALIZATION_TYPE;
  const reasons: string[] = [];
  let interruptedInvocations = 0;
  let deadRuntimes = 0;
  let liveSiblings = 0;
  let environmentCreatedAt: number | undefined;

  const runtimesWithOpenInvocation = new Set<string>();
  const deadRuntimeTags: string[] = [];
  for (const name of readdirSync(runDir)) {
    const parts = name.split('.');
    if (parts[0] === 'env') {
      const created = parseInt(parts[1] ?? '', 36);
      if (Number.isSafeInteger(created)) environmentCreatedAt = Math.min(environmentCreatedAt ?? created, created);
      continue;
    }
    const owner = parseOwnerTag(parts.slice(1, 4));
    if (!owner || (parts[0] !== 'proc' && parts[0] !== 'inv')) {
      removeMarker(runDir, name);
      continue;
    }
    if (isOwnerAlive(owner)) {
      if (parts[0] === 'proc' && !(isSelfProcess(owner) && parts[4] === runtimeId)) liveSiblings++;
      continue;
    }
    const runtimeTag = parts.slice(1, 5).join('.');
    if (parts[0] === 'inv') {
      interruptedInvocations++;
      runtimesWithOpenInvocation.add(runtimeTag);
      reasons.push(`an invocation of pid ${owner.pid} never finished (timeout, crash or out of memory)`);
    } else {
      deadRuntimes++;
      deadRuntimeTags.push(runtimeTag);
    }
    removeMarker(runDir, name);
  }

  const environmentIsNew = environmentCreatedAt === undefined;
  if (environmentIsNew) {
    try {
      createMarker(runDir, `${ENV_MARKER}.${now.toString(36)}`);
    } catch {
      // A sibling created it at the same moment: the environment is still new for us.
    }
    environmentCreatedAt = now;
  }
  const diedOutsideInvocation = deadRuntimeTags.filter((tag) => !runtimesWithOpenInvocation.has(tag)).length;
  if (diedOutsideInvocation > 0) {
    reasons.push(`${diedOutsideInvocation} earlier runtime(s) died outside an invocation (init failure or crash)`);
  }

  let startClass: StartClass;
  const maxConcurrency = Number(env.AWS_LAMBDA_MAX_CONCURRENCY ?? '1');
  if (interruptedInvocations > 0 || deadRuntimes > 0) {
    startClass = 'reinit-after-crash';
  } else if (initializationType === 'lambda-managed-instances' || maxConcurrency > 1) {
    startClass = 'managed-instances-worker';
    reasons.push(`initialization type ${initializationType ?? 'unset'}, max concurrency ${maxConcurrency}`);
  } else if (initializationType === 'provisioned-concurrency') {
    startClass = 'provisioned-concurrency';
    reasons.push('initialization type provisioned-concurrency');
  } else if (environmentIsNew) {
    startClass = 'new-environment';
    reasons.push('no marker of an earlier runtime in this /tmp');
  } else {
    startClass = 'warm-reuse';
    reasons.push(liveSiblings > 0 ? `${liveSiblings} live sibling runtime(s) share this cache` : 'an earlier runtime used this /tmp and ended cleanly');
  }
  return {
    class: startClass,
    initializationType,
    reasons,
    interruptedInvocations,
    deadRuntimes,
    liveSiblings,
    environmentCreatedAt: environmentCreatedAt ?? now,
  };
}
