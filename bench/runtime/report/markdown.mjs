// Renders RESULTS.md: how the run was made, the goals, then one section per Node version.
import { num, times } from './format.mjs';
import { BASELINE } from './summary.mjs';

const LOADED_FLOOR_MS = 60;
const mdRow = (cells) => `| ${cells.join(' | ')} |`;
const mdTable = (head, rows) => [mdRow(head), mdRow(head.map(() => '---')), ...rows.map(mdRow)].join('\n');

function labels(run) {
  return Object.fromEntries(run.contenders.map((c) => [c.id, c.label]));
}

// `node -e 0` takes about 23 ms on an idle machine of this kind; far more means the cores
// were busy with other work and wall-clock start-up differences are mostly scheduling noise.
function lowestFloor(node) {
  const floors = Object.values(node.cold).map((row) => row.medians?.floorMs).filter((v) => v !== undefined);
  return floors.length ? Math.min(...floors) : undefined;
}

function goalsSection(node) {
  const noisyCold = lowestFloor(node) > LOADED_FLOOR_MS;
  const verdict = (g) => {
    const word = g.met === undefined ? 'not measured' : g.met ? '**met**' : '**not met**';
    return noisyCold && g.unit === 'ms over floor' && g.met !== undefined ? `${word} (the floor here is ${num(lowestFloor(node))} ms, not 23: see cold start)` : word;
  };
  const rows = node.goals.map((g) => [
    g.goal,
    g.unit === 'ms over floor' ? `${num(g.thaw)} ms over the floor (official ${num(g.official)} ms)` : `${times(g.value)} (thaw ${num(g.thaw)}, official ${num(g.official)})`,
    verdict(g),
  ]);
  return `### Goals\n\n${mdTable(['goal', 'measured (median)', 'verdict'], rows)}`;
}

function coldSection(node, name, run) {
  const rows = [];
  for (const [id, row] of Object.entries(node.cold)) {
    const m = row.medians;
    if (!m) continue;
    rows.push([name[id], num(m.rounds, 0), num(m.floorMs), num(m.coldNextMs), num(m.coldNextOverFloorMs), num(m.coldResponseMs), num(m.coldResponseOverFloorMs), num(m.coldCpuMs), times(row.ratios.coldCpuMs), num(m.peakMiB)]);
  }
  if (rows.length === 0) return '### Cold start\n\nNot measured.';
  const floor = lowestFloor(node);
  const loaded = floor > LOADED_FLOOR_MS
    ? `\n\n**Note:** the floor was ${num(floor)} ms. The 3 ms goal and the fact sheet's figures (floor about 23 ms, official client about 5.5 ms over it) come from a faster machine; on this one \`node -e 0\` takes 75-85 ms even when idle, and every start-up cost is stretched with it (compare the official client's row). Compare contenders within this table; the CPU column moves least with machine load.`
    : '';
  return `### Cold start\n\nEach sample runs \`node -e 0\` on the same binary (spawn to exit: the floor), then at once the contender; "over floor" is the median of the paired differences, the runtime's own start-up cost. "CPU to first response" is the process's CPU time (all threads) from exec to its first response, floor included: it hardly moves with machine load, so its ratio is the steadiest cold-start comparison. ${run.settings.cold.rounds} rounds of ${run.settings.cold.samples} samples per contender.\n\n${mdTable(
    ['contender', 'samples', 'floor (ms)', 'spawn → first /next (ms)', '/next over floor (ms)', 'spawn → first response (ms)', 'response over floor (ms)', 'CPU to first response (ms)', 'vs official', 'RSS after first response (MiB)'],
    rows,
  )}${loaded}`;
}

function warmSection(node, name, size) {
  const rows = [];
  for (const [id, row] of Object.entries(node.buffered)) {
    const m = row.medians;
    if (!m) continue;
    const r = row.ratios;
    rows.push([
      name[id],
      num(m[`${size}.cycleUs`]), times(r[`${size}.cycleUs`]),
      num(m[`${size}.cpuUs`]), times(r[`${size}.cpuUs`]),
      num(m[`${size}.perSecond`]), times(r[`${size}.perSecond`]),
      num(m[`${size}.peakMiB`]),
    ]);
  }
  const human = size === '1KB' ? '1 KB' : '1 MB';
  return `### Warm loop, ${human} event echoed\n\n${mdTable(
    ['contender', 'cycle (µs)', 'vs official', 'runtime CPU / invocation (µs)', 'vs official', 'invocations / s', 'vs official', 'peak RSS (MiB)'],
    rows,
  )}`;
}

function streamingSection(node, name, run) {
  const rows = [];
  for (const [id, row] of Object.entries(node.streaming)) {
    const m = row.medians;
    if (!m) continue;
    const r = row.ratios;
    rows.push([name[id], num(m.ttfbMs), times(r.ttfbMs), num(m.mibPerSecond), times(r.mibPerSecond), num(m.cpuMsPerStream), num(m.peakMiB)]);
  }
  if (rows.length === 0) return '### Response streaming\n\nNot measured (see failures below).';
  const mib = run.settings.streaming.streamBytes / 2 ** 20;
  return `### Response streaming, ${mib} MiB response\n\nTime to first byte: from the /next answer to the first body byte at the fake API (the handler writes a 19-byte first chunk at once).\n\n${mdTable(
    ['contender', 'time to first byte (ms)', 'vs official', 'throughput (MiB/s)', 'vs official', 'runtime CPU / stream (ms)', 'peak RSS (MiB)'],
    rows,
  )}`;
}

function concurrencySection(node, name, run) {
  const rows = [];
  for (const [level, tableByContender] of Object.entries(node.concurrency)) {
    for (const [id, row] of Object.entries(tableByContender)) {
      const m = row.medians;
      if (!m) continue;
      rows.push([name[id], level, num(m.perSecond), `${num(m.efficiency * 100, 0)} %`, times(row.ratios.perSecond), num(m.cpuUs), num(m.idleRssMiB), num(m.peakMiB), num(m.threads, 0)]);
    }
  }
  if (rows.length === 0) return '### Managed Instances concurrency\n\nNot measured (see failures below).';
  const mem = Object.entries(node.perInFlight).map(([id, p]) => `${name[id]}: ${num(p.kib)} KiB`).join('; ');
  const workers = run.machine.cgroupCpuMax === 'absent'
    ? 'this machine has no /sys/fs/cgroup/cpu.max, so it counts 1 CPU and starts 8 workers'
    : `cgroup cpu.max here is "${run.machine.cgroupCpuMax}"`;
  return `### Managed Instances concurrency, handler awaiting 20 ms\n\nEvery contender gets AWS_LAMBDA_MAX_CONCURRENCY=c and the fake API keeps at most c invocations in flight. The official client runs its default worker-thread pool (AWS_LAMBDA_NODEJS_WORKER_COUNT unset: 8 x CPUs from cgroup cpu.max; ${workers}); thaw runs the same default (8 worker threads per CPU, capped at c), and once more with AWS_LAMBDA_NODEJS_WORKER_COUNT=1 (every loop on the main thread); the bare loop runs c async loops in one thread. The threads column counts all threads of the process (V8 and libuv helpers included).\n\n${mdTable(
    ['contender', 'concurrency', 'invocations / s', 'of ideal (c / 20 ms)', 'vs official', 'runtime CPU / invocation (µs)', 'idle RSS (MiB)', 'peak RSS (MiB)', 'threads'],
    rows,
  )}\n\nMemory per in-flight invocation (peak RSS at the highest level minus the lowest, divided by the difference in concurrency): ${mem || '–'}.`;
}

function failuresSection(node, name) {
  const lines = [];
  for (const [id, why] of Object.entries(node.unavailable ?? {})) lines.push(`- ${name[id]}: not run: ${why}`);
  const scan = (scenario, tables) => {
    for (const [id, row] of Object.entries(tables)) {
      for (const f of row.failures ?? []) lines.push(`- ${name[id]}, ${scenario}: ${f.split('\n')[0]}`);
    }
  };
  scan('cold start', node.cold);
  scan('buffered', node.buffered);
  scan('streaming', node.streaming);
  for (const [level, t] of Object.entries(node.concurrency)) scan(`concurrency ${level}`, t);
  return lines.length ? `### Failures and gaps\n\n${[...new Set(lines)].join('\n')}` : '';
}

export function renderMarkdown(run, summary) {
  const name = labels(run);
  const m = run.machine;
  const s = run.settings;
  const head = `# Runtime benchmark: thaw bootstrap vs aws-lambda-ric vs a bare loop

Generated by the benchmark; do not edit by hand.

- Command: \`${run.command}\` (from the repository root; \`--quick\` for a smoke run)
- Date: ${run.date}, run took ${num(run.durationS, 0)} s
- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel}; load average at start ${m.loadAtStart} (the machine was shared: compare ratios, not absolute numbers)
- Node: contenders on ${summary.nodes.map((n) => n.version).join(' and ')}; the fake Runtime API on ${m.fakeApiNode}; harness on ${m.harnessNode}
- Contenders: ${run.contenders.map((c) => c.label).join(', ')}. The baseline for every ratio is ${name[BASELINE]}.

Method. One fake Runtime API (node:http, keep-alive) runs in its own process and serves a fixed JSON event (many small records) from /next, accepts responses with 202, checks every response's length and the first one's bytes, and times everything on the monotonic clock it shares with the harness. Each round starts a fresh process per contender, in an order that rotates every round. Runtime CPU is the contender's own CPU time (all threads, from /proc/<pid>/task/*/schedstat) over the measured invocations; the fake API's cost is not in it. Peak RSS is VmHWM. Figures are medians over rounds (buffered ${s.buffered.rounds} rounds of ${s.buffered.sizes.map((z) => `${z.count} x ${z.label} after ${z.warmup} warm-up`).join(' and ')}; streaming ${s.streaming.rounds} rounds of ${s.streaming.count} after ${s.streaming.warmup} warm-up; concurrency ${s.concurrency.rounds} rounds of ${s.concurrency.waves} x c invocations). "vs official" is the contender's median divided by the official client's.`;
  const sections = summary.nodes.map((node) => [
    `## ${node.version}`,
    goalsSection(node),
    coldSection(node, name, run),
    warmSection(node, name, '1KB'),
    warmSection(node, name, '1MB'),
    streamingSection(node, name, run),
    concurrencySection(node, name, run),
    failuresSection(node, name),
  ].filter(Boolean).join('\n\n'));
  return `${head}\n\n![runtime benchmark chart](chart.svg)\n\n${sections.join('\n\n')}\n`;
}
