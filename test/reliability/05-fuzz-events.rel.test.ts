// Property: whatever bytes the event holds (any bytes, any JSON, JSON nested 100,000 deep,
// up to the 6 MiB invocation limit), the runtime answers: the event echoed back when it is
// JSON that can be echoed, otherwise a reported error of a documented type. Never a crash,
// never a hang, never an error that escapes the report. One runtime process for every run.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { FIXTURES } from './support/paths.js';
import { startRuntime, type Runtime } from './support/runtime.js';

const RUNS = Number(process.env.THAW_FUZZ_EVENT_RUNS ?? 500);
const MIB = 1024 * 1024;
// As the official client: an event JSON.parse refuses is its SyntaxError; a result
// JSON.stringify refuses is Runtime.JSONStringifyError.
const REPORTED = /^SyntaxError$|^Runtime\.JSONStringifyError$|^Function\.ResponseSizeTooLarge$/;
let runtime: Runtime;
const outcomes = new Map<string, number>();
const failures: string[] = [];
let runs = 0;
let largest = 0;
let deepest = 0;

/** What the echo must give back for these bytes: the parsed JSON re-serialized, when it parses (an empty body does not). */
function expectedEcho(bytes: Buffer): string | undefined {
  try {
    return JSON.stringify(JSON.parse(bytes.toString('utf8')));
  } catch {
    return undefined;
  }
}

async function check(bytes: Buffer): Promise<void> {
  runs++;
  largest = Math.max(largest, bytes.length);
  const result = await runtime.emulator.invoke(bytes);
  if (bytes.length < 64 * 1024) runtime.capture.result(result);
  const outcome = result.status === 'success' ? 'success' : `${result.status} ${result.error?.errorType ?? ''}`;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  let expected: string | undefined;
  try {
    expected = expectedEcho(bytes);
  } catch {
    expected = undefined; // too deep to re-serialize here either
  }
  const ok =
    (result.status === 'success' && (expected === undefined || result.payload.toString('utf8') === expected)) ||
    (result.status === 'error' && REPORTED.test(result.error?.errorType ?? ''));
  if (result.cold && runs > 1) failures.push(`run ${runs}: the runtime restarted (${outcome})`);
  if (!ok) failures.push(`run ${runs} (${bytes.length} bytes): ${outcome} ${result.payload.toString('utf8', 0, 200)}`);
  expect(failures).toEqual([]);
}

const nested = (depth: number, open: string, close: string, inner = '1'): Buffer => {
  deepest = Math.max(deepest, depth);
  return Buffer.from(open.repeat(depth) + inner + close.repeat(depth));
};

const events = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 4, arbitrary: fc.json({ maxDepth: 6 }).map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map((text) => Buffer.from(JSON.stringify({ text }))) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((depth) => nested(depth, '[', ']')) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((depth) => nested(depth, '{"a":', '}')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '"\\u0000"', '{"__proto__":{"x":1}}', '\uFEFF{}', '{"a":1}garbage', '1e999').map((text) => Buffer.from(text)) },
);

// Large events: the 6 MiB limit itself, as JSON and as bytes that are not JSON.
const LARGE: Array<[string, () => Buffer]> = [
  ['1 MiB JSON string', () => Buffer.from(JSON.stringify('x'.repeat(MIB - 2)))],
  ['6 MiB JSON string (the limit)', () => Buffer.from(`"${'y'.repeat(6 * MIB - 2)}"`)],
  ['6 MiB of random bytes', () => Buffer.from(Array.from({ length: 6 * MIB }, (_, i) => (i * 2654435761) >>> 24))],
  ['6 MiB JSON array of 100,000-deep nesting plus padding', () => Buffer.concat([nested(100_000, '[', ']', `"${'p'.repeat(6 * MIB - 200_002 - 2)}"`)])],
  ['6 MiB of NUL bytes inside a JSON string', () => Buffer.concat([Buffer.from('"'), Buffer.from('\\u0000'.repeat(Math.floor((6 * MIB - 2) / 6))), Buffer.from('"')])],
];

beforeAll(async () => {
  runtime = await startRuntime({ captureAs: 'fuzz-events', taskRoot: join(FIXTURES, 'event-echo'), timeoutSeconds: 30, freeze: false });
});
afterAll(async () => {
  await runtime.close();
  recordSection({
    order: '05',
    title: 'Fuzzing: events',
    summary: `fast-check, ${RUNS} generated events through the emulator's invoke (as raw bytes) into one runtime process whose function echoes the event: any bytes up to 4 KiB, any JSON, strings of any code units, arrays nested up to 100,000 deep and objects up to 50,000 deep, edge cases (empty, BOM, trailing garbage, \`1e999\`), then ${LARGE.length} events at the 6 MiB limit.`,
    rows: [
      ['runs', runs],
      ['largest event', `${(largest / MIB).toFixed(2)} MiB`],
      ['deepest nesting', deepest],
      ...[...outcomes.entries()].sort().map(([key, value]): [string, number] => [`outcome: ${key}`, value]),
    ],
    checks: [['every event echoed or reported with a documented error type; one runtime process throughout', failures.length === 0]],
    notes: failures.length > 0 ? [`Failures: ${failures.slice(0, 10).join('; ')}`] : [],
  });
});

describe('event fuzzing', () => {
  it(`${RUNS} generated events: echoed or reported, never a crash`, async () => {
    await fc.assert(fc.asyncProperty(events, check), { numRuns: RUNS, endOnFailure: true });
  }, 300_000);

  for (const [name, make] of LARGE) {
    it(`large event: ${name}`, async () => {
      await check(make());
    }, 60_000);
  }
});
