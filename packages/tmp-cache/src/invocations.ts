import { createMarker, invocationMarkerName, removeMarker } from './lifecycle.js';
import { InvocationScope, type LambdaContextLike } from './invocation-scope.js';
import { runMaintenance } from './maintenance.js';
import type { CacheState } from './state.js';

/**
 * Invocation boundaries: where the cache learns the wall clock, marks the invocation as
 * open (a marker that survives only if the runtime dies mid-invocation) and, at the end,
 * cleans up within a time budget taken from the remaining time.
 */
export function beginInvocation(state: CacheState, context: LambdaContextLike | undefined): InvocationScope {
  const seq = ++state.invocationSeq;
  const scope = new InvocationScope(seq, seq === 1, state.layout.scratch, context);
  createMarker(state.layout.run, invocationMarkerName(seq));
  state.active.add(scope);
  state.lastBegun = scope;
  return scope;
}

export function endInvocation(state: CacheState, scope: InvocationScope): string[] {
  if (scope.ended) return [];
  scope.close();
  state.active.delete(scope);
  removeMarker(state.layout.run, invocationMarkerName(scope.seq));
  const remaining = scope.remainingMs();
  const budget = remaining === undefined
    ? state.options.maintenanceBudgetMs
    : Math.max(0, Math.min(state.options.maintenanceBudgetMs, remaining / 10));
  return budget > 0 ? runMaintenance(state, budget) : [];
}
