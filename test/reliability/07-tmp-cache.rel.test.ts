// tmp-cache's own crash, disk-full and multi-process trials (test/tmp-cache), run at a larger
// scale than the normal suite: the SIGKILL trials through their THAW_KILL_TRIALS parameter,
// the others repeated. Each run is a child vitest on the same Node binary; its JSON report
// gives the outcome, its output is captured for the secrets scan.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Capture } from './support/capture.js';
import { recordSection } from './support/figures.js';
import { REPO, WORK_DIR } from './support/paths.js';

const KILL_TRIALS = Number(process.env.THAW_RELIABILITY_KILL_TRIALS ?? 400);
const REPEATS = Number(process.env.THAW_RELIABILITY_TMP_CACHE_REPEATS ?? 5);
const capture = new Capture('tmp-cache');
const rows: Array<[string, string | number]> = [];
const checks: Array<[string, boolean]> = [];

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
}

async function runTmpCacheFile(file: string, env: Record<string, string>, run: number): Promise<VitestReport> {
  const outputFile = join(WORK_DIR, `tmp-cache-${file}-${run}.json`);
  const child = spawn(
    process.execPath,
    [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', `test/tmp-cache/${file}.test.ts`, '--reporter=json', `--outputFile=${outputFile}`],
    { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (text: string) => capture.line(text));
  await new Promise((resolve) => child.once('close', resolve));
  capture.flush();
  return JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport;
}

/** Runs a file `times` times; returns passed/failed/skipped test counts over all runs. */
async function repeat(file: string, times: number, env: Record<string, string> = {}): Promise<{ passed: number; failed: number; skipped: string[] }> {
  const total = { passed: 0, failed: 0, skipped: [] as string[] };
  for (let run = 0; run < times; run++) {
    const report = await runTmpCacheFile(file, env, run);
    total.passed += report.numPassedTests;
    total.failed += report.numFailedTests;
    for (const result of report.testResults) for (const test of result.assertionResults) if (test.status !== 'passed' && test.status !== 'failed') total.skipped.push(test.title);
  }
  return total;
}

afterAll(() => {
  recordSection({
    order: '07',
    title: 'tmp-cache trials at scale',
    summary: `The trials of test/tmp-cache, run here at a larger scale: SIGKILL of a writer process publishing 8 MiB entries (4 lanes, a reader racing each writer, the next init checking for leftovers) with THAW_KILL_TRIALS=${KILL_TRIALS}; the real-ENOSPC trials (a 2 MiB tmpfs, when the suite runs as root) and the budget trials, the multi-process single-flight trials (4 processes × 8 concurrent getOrSet) and the crash/re-init classification trials, ${REPEATS} times each.`,
    rows,
    checks,
  });
});

describe('tmp-cache trials at scale', () => {
  it(`SIGKILL during writes: ${KILL_TRIALS} trials`, async () => {
    const result = await repeat('kill-during-write', 1, { THAW_KILL_TRIALS: String(KILL_TRIALS) });
    rows.push(['SIGKILL-during-write trials', KILL_TRIALS], ['SIGKILL runs passed / failed', `${result.passed} / ${result.failed}`]);
    checks.push([`${KILL_TRIALS} SIGKILL trials: zero partial reads, zero orphans`, result.failed === 0 && result.passed === 1]);
    expect(result).toEqual({ passed: 1, failed: 0, skipped: [] });
  }, 600_000);

  for (const [file, label, perRun] of [
    ['enospc', 'ENOSPC / budget', 4],
    ['single-flight', 'multi-process single-flight (32 getOrSet callers per run)', 1],
    ['crash-reinit', 'crash and re-init classification (4 runtime processes per run)', 1],
  ] as const) {
    it(`${label}: ${REPEATS} runs`, async () => {
      const result = await repeat(file, REPEATS);
      rows.push([`${label}: tests passed / failed / skipped over ${REPEATS} runs`, `${result.passed} / ${result.failed} / ${result.skipped.length}`]);
      if (result.skipped.length > 0) rows.push([`${label}: skipped`, [...new Set(result.skipped)].join('; ')]);
      checks.push([`${label}: every run passed`, result.failed === 0 && result.passed >= perRun * REPEATS]);
      expect(result.failed).toBe(0);
      expect(result.passed).toBeGreaterThanOrEqual(perRun * REPEATS);
    }, 300_000);
  }
});
