import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './private-dir.js';

/**
 * The cache's own directory tree (all 0700):
 *   entries/  published entries and in-flight temp files (same dir, so rename is atomic)
 *   locks/    fill locks, one per key being filled
 *   leases/   paths handed out that eviction must not remove
 *   run/      lifecycle markers: environment, runtime processes, open invocations
 *   scratch/  per-invocation scratch directories
 */
export interface Layout {
  base: string;
  entries: string;
  locks: string;
  leases: string;
  run: string;
  scratch: string;
}

export function createLayout(root: string, name: string): Layout {
  // The root is shared (/tmp is 1777): create it if missing, but never change its mode.
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const base = join(root, name);
  const layout: Layout = {
    base,
    entries: join(base, 'entries'),
    locks: join(base, 'locks'),
    leases: join(base, 'leases'),
    run: join(base, 'run'),
    scratch: join(base, 'scratch'),
  };
  for (const dir of [layout.base, layout.entries, layout.locks, layout.leases, layout.run, layout.scratch]) {
    ensurePrivateDir(dir);
  }
  return layout;
}
