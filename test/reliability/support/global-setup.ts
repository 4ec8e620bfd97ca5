// Starts every run from an empty work directory, and writes RELIABILITY.md at the end from
// the sections the files recorded (only when every file recorded its section: a partial
// run, e.g. one file selected by name, leaves the report alone).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Section } from './figures.js';
import { CAPTURE_DIR, REPORT_FILE, RESULTS_DIR, WORK_DIR } from './paths.js';
import { renderReport } from './report.js';

/** The sections a full run records (one per file, the secrets scan included). */
export const EXPECTED_SECTIONS = 9;

export default function setup(): () => void {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(CAPTURE_DIR, { recursive: true, mode: 0o700 });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const startedAt = new Date();
  return () => {
    if (!existsSync(RESULTS_DIR)) return;
    const sections = readdirSync(RESULTS_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')) as Section);
    if (sections.length < EXPECTED_SECTIONS) {
      console.log(`reliability: ${sections.length} of ${EXPECTED_SECTIONS} sections recorded; RELIABILITY.md left as it was.`);
      return;
    }
    writeFileSync(REPORT_FILE, renderReport(sections, startedAt, Date.now() - startedAt.getTime()));
    console.log(`reliability: figures written to ${REPORT_FILE}`);
  };
}
