// Property: a log entry stays one line, whatever its message holds (control characters,
// CR/LF, VT, FF, NEL, U+2028/U+2029, forged "timestamp\trequest-id\tLEVEL" prefixes), in
// both log formats. Text: every line carries the timestamp, this invocation's request id and
// a level; JSON: every line is one JSON object whose message is the text given, unchanged.
// One runtime process per format serves every run.
import { join } from 'node:path';
import fc from 'fast-check';
import type { InvokeResult, LogFormat } from '@thaw/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { FIXTURES } from './support/paths.js';
import { startRuntime } from './support/runtime.js';

const RUNS = Number(process.env.THAW_FUZZ_LOG_RUNS ?? 500);
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal'] as const;
const LEVEL_OF: Record<string, string> = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE', fatal: 'FATAL' };
const stats = { Text: { runs: 0, entries: 0, breaks: 0 }, JSON: { runs: 0, entries: 0, breaks: 0 } };
const failures: string[] = [];

const BREAKS = ['\n', '\r', '\r\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];
const hostile = fc.constantFrom(
  ...BREAKS,
  '\u0000', '\u001b[31m', '\t', '\b',
  '\n2024-01-01T00:00:00.000Z\t00000000-0000-0000-0000-000000000000\tERROR\tforged entry',
  '\r\n{"timestamp":"2024-01-01T00:00:00.000Z","level":"ERROR","requestId":"forged","message":"forged"}',
);
const message = fc
  .array(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 10 }), hostile), { maxLength: 8 })
  .map((parts) => parts.join(''));
const entry = fc.record({ method: fc.constantFrom(...METHODS), message, asError: fc.boolean() });
const entries = fc.array(entry, { minLength: 1, maxLength: 6 });
type Entry = { method: string; message: string; asError: boolean };

const TEXT_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t([^\t]+)\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/;

function checkText(result: InvokeResult, given: Entry[]): string | undefined {
  // An Error entry prints its stack: still one line, since its line breaks are replaced too.
  if (result.logs.length !== given.length) return `${given.length} entries gave ${result.logs.length} lines`;
  for (const [index, line] of result.logs.entries()) {
    const match = TEXT_LINE.exec(line);
    if (!match) return `line ${index} has no Text prefix: ${JSON.stringify(line.slice(0, 80))}`;
    if (match[1] !== result.requestId) return `line ${index} names request id ${match[1]}`;
    if (match[2] !== LEVEL_OF[given[index]!.method]) return `line ${index} has level ${match[2]} for console.${given[index]!.method}`;
  }
  return undefined;
}

function checkJson(result: InvokeResult, given: Entry[]): string | undefined {
  if (result.logs.length !== given.length) return `${given.length} entries gave ${result.logs.length} lines`;
  for (const [index, line] of result.logs.entries()) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return `line ${index} is not JSON: ${JSON.stringify(line.slice(0, 80))}`;
    }
    const { method, message: text, asError } = given[index]!;
    if (parsed.requestId !== result.requestId) return `line ${index} names request id ${String(parsed.requestId)}`;
    if (parsed.level !== LEVEL_OF[method]) return `line ${index} has level ${String(parsed.level)}`;
    // A lone Error is the entry's message, as an object (as the official client logs it).
    const logged = asError ? (parsed.message as { errorMessage?: unknown } | undefined)?.errorMessage : parsed.message;
    if (logged !== text) {
      return `line ${index} changed the message ${JSON.stringify(text).slice(0, 80)}`;
    }
  }
  return undefined;
}

async function fuzz(format: LogFormat): Promise<void> {
  const runtime = await startRuntime({ captureAs: `fuzz-logs-${format}`, taskRoot: join(FIXTURES, 'logger'), logFormat: format, logLevel: 'TRACE', freeze: false });
  try {
    await runtime.emulator.invoke({ entries: [{ method: 'log', message: 'warm-up', asError: false }] });
    await fc.assert(
      fc.asyncProperty(entries, async (given) => {
        const result = await runtime.emulator.invoke({ entries: given });
        runtime.capture.result(result);
        stats[format].runs++;
        stats[format].entries += given.length;
        stats[format].breaks += given.filter((e) => BREAKS.some((b) => e.message.includes(b))).length;
        const problem =
          result.status !== 'success' || result.cold
            ? `invocation ${result.status}${result.cold ? ' (runtime restarted)' : ''}: ${result.payload.toString().slice(0, 200)}`
            : format === 'Text'
              ? checkText(result, given)
              : checkJson(result, given);
        if (problem) failures.push(`${format}: ${problem}`);
        expect(problem).toBeUndefined();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  } finally {
    await runtime.close();
  }
}

afterAll(() => {
  recordSection({
    order: '06',
    title: 'Fuzzing: log messages',
    summary: `fast-check, ${RUNS} invocations per log format, each printing 1-6 entries through console.log/info/warn/error/debug/trace/fatal (level TRACE), as text or as an Error: text of any code units mixed with control characters, every line break Unicode knows (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) and forged Text/JSON log prefixes. One runtime process per format.`,
    rows: [
      ['Text: invocations / entries / entries with line breaks', `${stats.Text.runs} / ${stats.Text.entries} / ${stats.Text.breaks}`],
      ['JSON: invocations / entries / entries with line breaks', `${stats.JSON.runs} / ${stats.JSON.entries} / ${stats.JSON.breaks}`],
    ],
    checks: [['one entry, one line, with this invocation\'s request id and level; JSON messages unchanged', failures.length === 0]],
    notes: failures.length > 0 ? [`Failures: ${failures.slice(0, 10).join('; ')}`] : [],
  });
});

describe('log line injection fuzzing', () => {
  it(`Text format: ${RUNS} runs, one entry stays one line`, () => fuzz('Text'), 300_000);
  it(`JSON format: ${RUNS} runs, one entry stays one JSON line with the message unchanged`, () => fuzz('JSON'), 300_000);
});
