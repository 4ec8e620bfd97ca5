import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { NameOrderSequencer } from './support/sequencer.js';

// The reliability and security suite (issue 10): soak, Runtime API faults, fuzzing, tmp-cache
// trials at scale, KMS failures, security checks. Run with
//   npx vitest run --config test/reliability/vitest.config.ts
// Files run one at a time, in name order (the machine has 2 cores and the soak wants one of
// them for the runtime), and the last one scans everything the others captured for planted
// secrets. The global setup writes RELIABILITY.md from the figures each file records.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['test/reliability/**/*.rel.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/reliability/support/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: NameOrderSequencer },
    pool: 'forks',
    // --expose-gc: heap figures are taken after a collection, so growth means retention.
    poolOptions: { forks: { execArgv: ['--expose-gc'], singleFork: true } },
    testTimeout: 300_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
