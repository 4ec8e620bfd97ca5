// Writes a run's outputs: raw figures (git-ignored), RESULTS.md and chart.svg.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './chart.mjs';
import { renderMarkdown } from './markdown.mjs';
import { summarize } from './summary.mjs';

export function writeReports(run, { benchDir, rawDir }) {
  mkdirSync(rawDir, { recursive: true });
  const raw = join(rawDir, 'runtime.raw.json');
  const text = JSON.stringify(run, null, 2) + '\n';
  if (!existsSync(raw) || readFileSync(raw, 'utf8') !== text) writeFileSync(raw, text);
  const summary = summarize(run);
  const md = join(benchDir, 'RESULTS.md');
  const svg = join(benchDir, 'chart.svg');
  writeFileSync(md, renderMarkdown(run, summary));
  writeFileSync(svg, renderChart(run, summary));
  return [md, svg, raw];
}
