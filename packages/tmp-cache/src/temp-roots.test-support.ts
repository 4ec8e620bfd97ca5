// Shared setup of the unit tests. Not part of the package: tsconfig leaves it out of the build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Call at the top of a test file: returns a maker of fresh cache roots under the OS temp
 * directory, each removed after its test (pass or fail), so tests never share or leak state.
 */
export function tempRoots(prefix: string): () => string {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  return () => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    roots.push(root);
    return root;
  };
}
