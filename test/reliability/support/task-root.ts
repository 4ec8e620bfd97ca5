// Copies a fixture to a fresh temporary directory, so that nothing above it (the
// repository's node_modules) can be resolved from it, as on Lambda's /var/task.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from './paths.js';

export function isolatedTaskRoot(fixture: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `thaw-reliability-${fixture}-`));
  cpSync(join(FIXTURES, fixture), path, { recursive: true });
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
