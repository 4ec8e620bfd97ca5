import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evict } from './budget.js';
import { createLayout } from './layout.js';
import { classifyStart, createMarker, invocationMarkerName, processMarkerName, removeMarker } from './lifecycle.js';
import { resolveOptions, type TmpCacheOptions } from './options.js';
import { isOwnerAlive, parseOwnerTag } from './owner.js';
import { rescan } from './scan.js';
import { CacheState } from './state.js';

const openStates = new Set<CacheState>();
let exitHookInstalled = false;

/** On a clean exit, clear our markers so the next init does not mistake it for a crash. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const state of openStates) {
      for (const scope of state.active) {
        scope.close();
        removeMarker(state.layout.run, invocationMarkerName(scope.seq));
      }
      removeMarker(state.layout.run, processMarkerName());
    }
  });
}

function sweepScratch(state: CacheState): void {
  for (const name of readdirSync(state.layout.scratch)) {
    const owner = parseOwnerTag(name.split('.').slice(0, 3));
    if (owner && isOwnerAlive(owner)) continue;
    rmSync(join(state.layout.scratch, name), { recursive: true, force: true });
    state.counters.reclaimedOrphans++;
  }
}

/**
 * Init-time reconciliation: classify the start from the markers, take over what dead
 * runtimes left (temp files, locks, leases, scratch dirs, open-invocation markers) and
 * rebuild the index and byte count from one readdir of entries/.
 */
export function reconcile(options: TmpCacheOptions | undefined): CacheState {
  const resolved = resolveOptions(options);
  const started = performance.now();
  const layout = createLayout(resolved.root, resolved.name);
  const state = new CacheState(resolved, layout);
  state.start = classifyStart(layout.run, process.env, state.initAt);
  try {
    createMarker(layout.run, processMarkerName());
  } catch (error) {
    // The same runtime opened this cache twice: the marker is already there.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  openStates.add(state);
  installExitHook();

  state.counters.reclaimedOrphans += state.locks.sweep();
  state.counters.reclaimedOrphans += state.leases.scan().removed;
  sweepScratch(state);
  rescan(state, { reclaimTemps: true, now: state.initAt });
  const over = state.index.bytes - resolved.maxBytes;
  if (over > 0) evict(state, over);
  state.reconcileMs = performance.now() - started;
  return state;
}

export function forget(state: CacheState): void {
  openStates.delete(state);
}
