import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { evict } from './budget.js';
import { generationTime } from './names.js';
import { rescanIfChanged, retireEntry } from './scan.js';
import type { CacheState } from './state.js';

/**
 * Housekeeping at an invocation boundary, stopped when the time budget is spent. No timers:
 * a frozen environment would not run them, so this is where the cache catches up.
 * Returns the steps that ran.
 */
export function runMaintenance(state: CacheState, budgetMs: number): string[] {
  const start = Date.now();
  const deadline = start + budgetMs;
  const steps: string[] = [];

  // Persist read times as atimes so LRU order survives a re-init.
  for (const entry of state.index.values()) {
    if (!entry.touched) continue;
    entry.touched = false;
    try {
      utimesSync(join(state.layout.entries, entry.name), entry.lastAccess / 1000, generationTime(entry.gen) / 1000);
    } catch {
      // Evicted or replaced meanwhile by another process.
    }
    if (Date.now() > deadline) return steps;
  }
  steps.push('access-times');

  if (rescanIfChanged(state)) steps.push('rescan');
  if (Date.now() > deadline) return steps;

  const now = Date.now();
  for (const entry of [...state.index.values()]) {
    if (entry.expiresAt !== 0 && entry.expiresAt <= now) {
      retireEntry(state, entry);
      state.counters.expired++;
    }
  }
  steps.push('expiry');
  if (Date.now() > deadline) return steps;

  const over = state.index.bytes - state.options.maxBytes;
  if (over > 0) {
    evict(state, over);
    steps.push('budget');
  }
  return steps;
}
