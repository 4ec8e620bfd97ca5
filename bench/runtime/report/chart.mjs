// Renders chart.svg by hand (no chart library): for each key figure, how many times better
// or worse than the official client each contender is, on a log scale so that "2x better"
// and "2x worse" are the same length. Bars to the right of 1x beat the official client.
import { escapeXml, num } from './format.mjs';
import { BASELINE, GOALS } from './summary.mjs';

const COLORS = { thaw: '#1565c0', bare: '#9e9e9e' };
const FALLBACK_COLOR = '#6a1b9a';
const SCALE = 3; // log2 range either side of 1x: 1/8x .. 8x

/** The figures shown: where to read them, which way is better, and the goal (as an advantage). */
function metrics(node) {
  const levels = Object.keys(node.concurrency).map(Number).sort((a, b) => a - b);
  const top = levels[levels.length - 1];
  return [
    { label: 'Cold start: first /next over node -e 0', unit: 'ms', lower: true, goal: undefined, get: (id) => node.cold[id]?.medians?.coldNextOverFloorMs, floorAt: 1 },
    { label: 'Cold start: CPU to first response', unit: 'ms', lower: true, get: (id) => node.cold[id]?.medians?.coldCpuMs },
    { label: '1 KB: runtime CPU per invocation', unit: 'µs', lower: true, goal: 1 / GOALS.cpu1KBRatioMax, get: (id) => node.buffered[id]?.medians?.['1KB.cpuUs'] },
    { label: '1 KB: warm cycle time', unit: 'µs', lower: true, get: (id) => node.buffered[id]?.medians?.['1KB.cycleUs'] },
    { label: '1 MB: invocations per second', unit: '/s', lower: false, goal: GOALS.throughput1MBRatioMin, get: (id) => node.buffered[id]?.medians?.['1MB.perSecond'] },
    { label: '1 MB: runtime CPU per invocation', unit: 'µs', lower: true, get: (id) => node.buffered[id]?.medians?.['1MB.cpuUs'] },
    { label: 'Peak RSS (1 MB loop)', unit: 'MiB', lower: true, get: (id) => node.buffered[id]?.medians?.['1MB.peakMiB'] },
    { label: 'Streaming: time to first byte', unit: 'ms', lower: true, get: (id) => node.streaming[id]?.medians?.ttfbMs, floorAt: 0.01 },
    { label: 'Streaming: throughput', unit: 'MiB/s', lower: false, get: (id) => node.streaming[id]?.medians?.mibPerSecond },
    ...(top ? [
      { label: `Concurrency ${top}: invocations per second`, unit: '/s', lower: false, get: (id) => node.concurrency[top]?.[id]?.medians?.perSecond },
      { label: 'Memory per in-flight invocation', unit: 'KiB', lower: true, get: (id) => node.perInFlight[id]?.kib, floorAt: 1 },
    ] : []),
  ];
}

function advantage(metric, value, base) {
  if (value === undefined || base === undefined) return undefined;
  const v = Math.max(value, metric.floorAt ?? 0);
  const b = Math.max(base, metric.floorAt ?? 0);
  if (v <= 0 || b <= 0) return undefined;
  return metric.lower ? b / v : v / b;
}

export function renderChart(run, summary) {
  const node = summary.nodes[0];
  const others = run.contenders.map((c) => c.id).filter((id) => id !== BASELINE);
  const label = Object.fromEntries(run.contenders.map((c) => [c.id, c.label]));
  const rows = metrics(node ?? { cold: {}, buffered: {}, streaming: {}, concurrency: {}, perInFlight: {} });
  const W = 980, left = 290, plotW = 420, bar = 13, gap = 3, groupGap = 12, top = 78;
  const x = (adv) => left + plotW / 2 + (Math.max(-SCALE, Math.min(SCALE, Math.log2(adv))) / SCALE) * (plotW / 2);
  const parts = [];
  let y = top;
  for (const metric of rows) {
    const base = metric.get(BASELINE);
    parts.push(`<text x="${left - 10}" y="${y + bar}" text-anchor="end" class="label">${escapeXml(metric.label)}</text>`);
    for (const id of others) {
      const adv = advantage(metric, metric.get(id), base);
      const color = COLORS[id] ?? FALLBACK_COLOR;
      if (adv === undefined) {
        parts.push(`<text x="${x(1) + 6}" y="${y + bar - 2}" class="note">${escapeXml(label[id])}: not measured</text>`);
      } else {
        const x0 = Math.min(x(1), x(adv));
        const w = Math.max(1, Math.abs(x(adv) - x(1)));
        const word = adv >= 1 ? 'better' : 'worse';
        const shown = adv >= 1 ? adv : 1 / adv;
        const factor = shown > 2 ** SCALE ? `> ${2 ** SCALE}x` : `${shown.toFixed(2)}x`;
        parts.push(`<rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${color}"><title>${escapeXml(`${label[id]}: ${num(metric.get(id))} ${metric.unit} vs ${num(base)} ${metric.unit}`)}</title></rect>`);
        parts.push(`<text x="${left + plotW + 8}" y="${y + bar - 2}" class="value" fill="${color}">${escapeXml(`${factor} ${word}: ${num(metric.get(id))} vs ${num(base)} ${metric.unit}`)}</text>`);
      }
      y += bar + gap;
    }
    if (metric.goal) {
      parts.push(`<line x1="${x(metric.goal).toFixed(1)}" x2="${x(metric.goal).toFixed(1)}" y1="${y - others.length * (bar + gap) - 3}" y2="${y}" class="goal"><title>goal: ${metric.goal.toFixed(2)}x</title></line>`);
    }
    y += groupGap;
  }
  const axisY = y;
  const ticks = [];
  for (let k = -SCALE; k <= SCALE; k++) {
    const adv = 2 ** k;
    const tx = x(adv).toFixed(1);
    ticks.push(`<line x1="${tx}" x2="${tx}" y1="${top - 6}" y2="${axisY}" class="${k === 0 ? 'one' : 'grid'}"/>`);
    ticks.push(`<text x="${tx}" y="${axisY + 14}" text-anchor="middle" class="tick">${k < 0 ? `1/${2 ** -k}` : adv}x</text>`);
  }
  const legend = others.map((id, i) => `<rect x="${left + i * 190}" y="44" width="12" height="12" fill="${COLORS[id] ?? FALLBACK_COLOR}"/><text x="${left + i * 190 + 17}" y="54" class="label">${escapeXml(label[id])}</text>`);
  legend.push(`<line x1="${left + others.length * 190}" x2="${left + others.length * 190}" y1="42" y2="58" class="goal"/><text x="${left + others.length * 190 + 6}" y="54" class="label">goal</text>`);
  const H = axisY + 48;
  const title = `Runtime clients vs ${label[BASELINE]} (1x), ${node?.version ?? ''}, medians`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">
<style>
.label { font-size: 12px; fill: #212121 } .value { font-size: 11px } .note { font-size: 11px; fill: #757575; font-style: italic }
.tick { font-size: 10px; fill: #616161 } .grid { stroke: #e0e0e0 } .one { stroke: #212121; stroke-width: 1.5 }
.goal { stroke: #c62828; stroke-width: 2; stroke-dasharray: 3 2 } .title { font-size: 15px; font-weight: bold; fill: #212121 }
.sub { font-size: 11px; fill: #616161 }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="22" class="title">${escapeXml(title)}</text>
<text x="16" y="38" class="sub">${escapeXml(`Bars right of 1x are better than the official client (log scale, clipped at 8x). ${run.date.slice(0, 10)}; ${run.command}`)}</text>
${legend.join('\n')}
${ticks.join('\n')}
${parts.join('\n')}
<text x="${left + plotW / 2}" y="${axisY + 32}" text-anchor="middle" class="sub">advantage over ${escapeXml(label[BASELINE])}</text>
</svg>
`;
}
