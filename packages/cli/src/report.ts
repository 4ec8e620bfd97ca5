import type { InvokeResult } from '@thaw/emulator';

const tty = process.stderr.isTTY === true;
const paint = (code: number, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const dim = (t: string) => paint(2, t);
export const green = (t: string) => paint(32, t);
export const red = (t: string) => paint(31, t);

const ms = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(1)} ms`);

/** One summary line per invocation: outcome, cold or warm, timings, request id. */
export function summaryLine(r: InvokeResult, index: number, total: number): string {
  const ok = r.status === 'success';
  const mark = ok ? green('✓') : red('✗');
  const start = r.cold ? `cold, init ${ms(r.initMs)}` : 'warm';
  const what = ok ? 'ok' : `${r.status}${r.error ? `: ${r.error.errorType}` : ''}`;
  return `${mark} invocation ${index}/${total} ${what} · ${start} · duration ${ms(r.durationMs)} · ${dim(r.requestId)}\n`;
}

/** The response as the caller sees it: pretty JSON when it parses, raw bytes otherwise. */
export function responseText(r: InvokeResult): string {
  if (r.response !== undefined) return `${JSON.stringify(r.response, null, 2)}\n`;
  const text = r.payload.toString('utf8');
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}
