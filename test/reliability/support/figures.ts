// Each file records its figures as one section; the global teardown turns the sections into
// RELIABILITY.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.js';

export interface Section {
  /** Orders the sections: the file's number, e.g. "01". */
  order: string;
  title: string;
  /** What was run, in a sentence or two. */
  summary: string;
  rows: Array<[string, string | number]>;
  /** Checks and their outcome, e.g. ["zero lost responses", true]. */
  checks: Array<[string, boolean]>;
  notes?: string[];
}

export function recordSection(section: Section): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${section.order}-${section.title.replace(/\W+/g, '-').toLowerCase()}.json`), JSON.stringify(section, null, 2));
}

/** Mebibytes with one decimal, from KiB. */
export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
