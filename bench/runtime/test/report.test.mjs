import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../report/chart.mjs';
import { renderMarkdown } from '../report/markdown.mjs';
import { summarize } from '../report/summary.mjs';

const cold = (overFloor) => ({
  rounds: [overFloor - 0.2, overFloor, overFloor + 0.1].map((o) => ({
    floorMs: 21, coldNextMs: 21 + o, coldNextOverFloorMs: o, coldResponseMs: 26 + o, coldResponseOverFloorMs: 5 + o, coldCpuMs: 30 + o, peakMiB: 40,
  })),
  failures: [],
});
const buffered = (cpu1k, ips1m) => ({
  rounds: [1, 2, 3].map(() => ({
    '1KB': { cycleUs: 150, cpuUs: cpu1k, perSecond: 6000, peakMiB: 45 },
    '1MB': { cycleUs: 5000, cpuUs: 4000, perSecond: ips1m, peakMiB: 70 },
  })),
  failures: [],
});
const conc = (ips, peak) => ({ rounds: [{ perSecond: ips, efficiency: 0.9, cpuUs: 100, idleRssMiB: 40, peakMiB: peak, threads: 7 }], failures: [] });

function fakeRun({ thawCold, thaw }) {
  return {
    date: '2026-01-02T03:04:05.000Z', durationS: 100, command: 'node bench/runtime/run.mjs',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, kernel: 'Linux test', loadAtStart: '0 0 0', harnessNode: 'v20.0.0', fakeApiNode: 'v24.0.0', cgroupCpuMax: 'absent' },
    settings: {
      cold: { rounds: 3, samples: 1 },
      buffered: { rounds: 3, sizes: [{ label: '1KB', count: 10, warmup: 1 }, { label: '1MB', count: 5, warmup: 1 }] },
      streaming: { rounds: 1, streamBytes: 10 * 1024 * 1024, warmup: 1, count: 2 },
      concurrency: { rounds: 1, waves: 5, levels: [1, 64] },
    },
    contenders: [
      { id: 'thaw', label: 'thaw bootstrap' }, { id: 'official', label: 'aws-lambda-ric 4.0.2' }, { id: 'bare', label: 'bare <loop>' },
    ],
    results: [{
      version: 'v24.0.0', unavailable: {},
      cold: { thaw: thawCold, official: cold(5.5), bare: cold(4.5) },
      buffered: {
        thaw: thaw,
        official: buffered(130, 100),
        bare: { rounds: [], failures: ['runtime exited early (code 1)\nstack line'] },
      },
      streaming: { official: { rounds: [{ ttfbMs: 3, mibPerSecond: 300, cpuMsPerStream: 20, peakMiB: 60 }], failures: [] } },
      concurrency: { 1: { thaw: conc(45, 50), official: conc(44, 150) }, 64: { thaw: conc(2800, 63), official: conc(2500, 160) } },
    }],
  };
}

describe('summary and goals', () => {
  it('marks each goal met when thaw beats it', () => {
    const s = summarize(fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) }));
    expect(s.nodes[0].goals.map((g) => g.met)).toEqual([true, true, true, true]);
    expect(s.nodes[0].cold.thaw.medians.coldNextOverFloorMs).toBeCloseTo(1.5);
  });

  it('marks each goal not met when thaw misses it', () => {
    const s = summarize(fakeRun({ thawCold: cold(4), thaw: buffered(100, 140) }));
    expect(s.nodes[0].goals.map((g) => g.met)).toEqual([false, false, false, false]);
  });

  it('says "not measured" when thaw has no rounds', () => {
    const s = summarize(fakeRun({ thawCold: { rounds: [], failures: ['boom'] }, thaw: { rounds: [], failures: ['boom'] } }));
    expect(s.nodes[0].goals.map((g) => g.met)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('derives memory per in-flight invocation from the lowest and highest levels', () => {
    const s = summarize(fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) }));
    expect(s.nodes[0].perInFlight.thaw.kib).toBeCloseTo((13 * 1024) / 63);
  });
});

describe('RESULTS.md', () => {
  const run = fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) });
  const md = renderMarkdown(run, summarize(run));

  it('states the command, date, machine and Node versions', () => {
    expect(md).toContain('`node bench/runtime/run.mjs`');
    expect(md).toContain('2026-01-02T03:04:05.000Z');
    expect(md).toContain('Test CPU, 2 cores');
    expect(md).toContain('## v24.0.0');
  });

  it('gives verdicts, ratios against the official client and the failures', () => {
    expect(md).toContain('| runtime CPU per 1 KB invocation <= 0.75x official | 0.69x (thaw 90.0, official 130) | **met** |');
    expect(md).toMatch(/\| thaw bootstrap \| 150 \| 1\.00x \| 90\.0 \| 0\.69x \|/);
    expect(md).toContain('- bare <loop>, buffered: runtime exited early (code 1)');
    expect(md).not.toContain('stack line');
    expect(md).toContain('| first /next within 3 ms of the `node -e 0` floor | 1.50 ms over the floor (official 5.50 ms) | **met** |');
    expect(md).toContain("| first /next over the floor <= 0.55x the official client's (the goal's 3 ms against its 5.5 ms) | 0.27x (thaw 1.50, official 5.50) | **met** |");
    expect(md).toMatch(/\| thaw bootstrap \| 3 \| 21\.0 \| 22\.5 \| 1\.50 \| 27\.5 \| 6\.50 \| 31\.5 \| 0\.89x \|/);
  });
});

describe('RESULTS.md on a loaded machine', () => {
  it('notes when the node -e 0 floor is far above the one the 3 ms goal was set against', () => {
    const quiet = fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) });
    expect(renderMarkdown(quiet, summarize(quiet))).not.toContain('**Note:** the floor was');
    const slow = fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) });
    for (const bucket of Object.values(slow.results[0].cold)) for (const r of bucket.rounds) r.floorMs = 200;
    const md = renderMarkdown(slow, summarize(slow));
    expect(md).toContain('**Note:** the floor was 200 ms');
    expect(md).toContain('**met** (the floor here is 200 ms, not 23: see cold start)');
  });
});

describe('chart.svg', () => {
  const run = fakeRun({ thawCold: cold(1.5), thaw: buffered(90, 160) });
  const svg = renderChart(run, summarize(run));

  it('is one escaped SVG document with a bar per measured comparison', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('bare &lt;loop&gt;');
    expect(svg).not.toContain('bare <loop>');
    expect(svg).toContain('1.44x better: 90.0 vs 130 µs');
    expect(svg).toContain('1.60x better: 160 vs 100 /s');
    expect(svg).toContain('bare &lt;loop&gt;: not measured');
  });
});

describe('run.mjs arguments', () => {
  const runScript = fileURLToPath(new URL('../run.mjs', import.meta.url));
  it.each([
    [['--node', '18'], /--node accepts 22 and\/or 24/],
    [['--only', 'everything'], /--only accepts cold, buffered, streaming, concurrency/],
    [['--rounds', '0'], /--rounds must be a positive integer/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with a clear message', (args, message) => {
    const r = spawnSync(process.execPath, [runScript, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
