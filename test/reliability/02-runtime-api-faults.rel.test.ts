// Runtime API faults injected by the emulator (its `faults` option) at random points: 500s,
// reset connections, slow answers, truncated answers, on /next, /response, /error and
// /init/error. The runtime must never hang (every invocation ends before the function
// timeout), never answer for the wrong request id, and exit non-zero with a clear log line
// whenever it must exit. The seed is printed in RELIABILITY.md so that a run can be replayed.
import { join } from 'node:path';
import type { InjectedFault, InvokeResult } from '@thaw/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { FIXTURES } from './support/paths.js';
import { pipelined, startRuntime } from './support/runtime.js';

const TRIALS = Number(process.env.THAW_FAULT_TRIALS ?? 1000);
const INIT_TRIALS = Number(process.env.THAW_FAULT_INIT_TRIALS ?? 40);
const RATE = 0.2;
const SEED = Number(process.env.THAW_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
// A hang shows up as a timeout: no fault delays anything by more than 50 ms.
const TIMEOUT_SECONDS = 5;
const EXIT_LINE = /exiting/i;

const outcomes = new Map<string, number>();
const faults = new Map<string, number>();
const problems: string[] = [];
let exitLines = 0;
let processes = 0;
let initProcesses = 0;
let initReported = 0;
let initExitLines = 0;

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function onFault(fault: InjectedFault): void {
  count(faults, `${fault.kind} on ${fault.target}`);
}

/** Every request the runtime made during an invocation names that invocation. */
function wrongIds(result: InvokeResult): string[] {
  return result.traffic
    .filter((record) => record.method === 'POST')
    .map((record) => /\/runtime\/invocation\/([^/]+)\//.exec(record.path)?.[1])
    .filter((id): id is string => id !== undefined && decodeURIComponent(id) !== result.requestId);
}

afterAll(() => {
  const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
  const injected = [...faults.values()].reduce((a, b) => a + b, 0);
  recordSection({
    order: '02',
    title: 'Runtime API faults',
    summary: `The emulator's \`faults\` option answers ${RATE * 100}% of the runtime's Runtime API requests (seed ${SEED}) with a 500, a reset connection, a 50 ms delay or a truncated answer, drawn evenly. ${TRIALS.toLocaleString('en-US')} invocations of an echo function (4 queued at a time, function timeout ${TIMEOUT_SECONDS} s, so a hang shows as a timeout), then ${INIT_TRIALS} cold starts of a function whose init fails, with faults on /init/error and /next. Replay a run with \`THAW_FAULT_SEED=<seed>\`.`,
    rows: [
      ['invocations (trials)', total],
      ...[...outcomes.entries()].sort().map(([key, value]): [string, number] => [`outcome: ${key}`, value]),
      ['faults injected', injected],
      ...[...faults.entries()].sort().map(([key, value]): [string, number] => [`fault: ${key}`, value]),
      ['runtime processes started (echo)', processes],
      ['runtime exits with a clear log line (echo)', exitLines],
      ['failing-init trials: init error reported / report lost but exit with a clear log line', `${initReported} / ${initExitLines} of ${initProcesses}`],
    ],
    checks: [
      ['no invocation hung (no timeout)', (outcomes.get('timeout') ?? 0) === 0],
      ['no response for a wrong request id, no wrong payload', problems.length === 0],
      ['every restart followed a clear exit line', exitLines >= processes - 1],
      ['every failing init ended in a report or a clear exit', initProcesses === INIT_TRIALS && initReported + initExitLines === INIT_TRIALS],
    ],
    notes: problems.length > 0 ? [`Problems: ${problems.slice(0, 20).join('; ')}`] : [],
  });
});

describe('Runtime API faults injected by the emulator', () => {
  it(`${TRIALS} invocations under random faults: bounded, right ids, clear exits`, async () => {
    const runtime = await startRuntime({
      keepLines: true,
      captureAs: 'faults-echo',
      taskRoot: join(FIXTURES, 'fault-echo'),
      timeoutSeconds: TIMEOUT_SECONDS,
      faults: { rate: RATE, seed: SEED, slowMs: 50, onFault },
    });
    try {
      await pipelined(runtime.emulator, TRIALS, 4, (seq) => ({ seq }), (result, seq) => {
        runtime.capture.result(result);
        const response = result.response as { seq?: number; id?: string } | undefined;
        if (result.status === 'success') {
          count(outcomes, 'success (right payload)');
          if (response?.seq !== seq || response.id !== result.requestId) problems.push(`invocation ${seq}: wrong payload ${result.payload.toString().slice(0, 100)}`);
        } else if (result.status === 'exit' && /exit status [1-9]\d*$/.test(result.error?.errorMessage ?? '')) {
          count(outcomes, 'Runtime.ExitError, non-zero exit status');
        } else {
          count(outcomes, result.status);
          if (result.status !== 'timeout') problems.push(`invocation ${seq}: ${result.status} ${result.payload.toString().slice(0, 200)}`);
        }
        for (const id of wrongIds(result)) problems.push(`invocation ${seq}: the runtime posted for request id ${id}`);
      });
    } finally {
      await runtime.close();
    }
    processes = runtime.lines.filter(({ line }) => line.includes('init pid ')).length;
    exitLines = runtime.lines.filter(({ line }) => EXIT_LINE.test(line)).length;
    expect(outcomes.get('timeout') ?? 0).toBe(0);
    expect(problems).toEqual([]);
    // Faults of every kind were really injected, and some of them forced exits.
    expect([...faults.keys()].map((key) => key.split(' ')[0])).toEqual(expect.arrayContaining(['status500', 'reset', 'slow', 'truncate']));
    expect(processes).toBeGreaterThan(1);
    expect(exitLines).toBeGreaterThanOrEqual(processes - 1);
  }, 600_000);

  it(`${INIT_TRIALS} failing inits under faults on /init/error and /next: reported or a clear exit`, async () => {
    const runtime = await startRuntime({
      keepLines: true,
      captureAs: 'faults-init',
      taskRoot: join(FIXTURES, 'init-fails'),
      timeoutSeconds: TIMEOUT_SECONDS,
      faults: { rate: 0.5, seed: SEED + 1, slowMs: 50, targets: ['init-error', 'next'], onFault },
    });
    try {
      for (let trial = 0; trial < INIT_TRIALS; trial++) {
        const result = await runtime.emulator.invoke({});
        runtime.capture.result(result);
        initProcesses++;
        // A report the Runtime API lost (reset, 500) must still leave a clear line behind.
        const clearLine = result.logs.some((line) => /Init Error.*configuration missing|Could not report the error/.test(line));
        if (result.status === 'init-error' && result.error?.errorMessage.includes('configuration missing')) {
          initReported++;
          count(outcomes, 'init: reported to /init/error');
        } else if (result.status === 'exit' && /exit status [1-9]/.test(result.error?.errorMessage ?? '') && clearLine) {
          initExitLines++;
          count(outcomes, 'init: report lost, Runtime.ExitError, clear log line');
        } else {
          problems.push(`init trial ${trial}: ${result.status} ${result.payload.toString().slice(0, 200)}`);
        }
      }
    } finally {
      await runtime.close();
    }
    expect(problems).toEqual([]);
    expect(initReported).toBeGreaterThan(0);
    expect(initReported + initExitLines).toBe(INIT_TRIALS);
  }, 300_000);
});
