// Where the suite finds the real runtime and its fixtures, and where it keeps what it captured.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BOOTSTRAP = join(REPO, 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');
export const CLI = join(REPO, 'packages', 'cli', 'bin', 'thaw.js');
export const FIXTURES = join(REPO, 'test', 'reliability', 'fixtures');
/** Under the repository's ignored .tmp/: captured output and the figures of each file. */
export const WORK_DIR = join(REPO, '.tmp', 'reliability');
export const CAPTURE_DIR = join(WORK_DIR, 'captured');
export const RESULTS_DIR = join(WORK_DIR, 'results');
export const REPORT_FILE = join(REPO, 'RELIABILITY.md');
export const REPRODUCE_COMMAND = 'npx vitest run --config test/reliability/vitest.config.ts';
