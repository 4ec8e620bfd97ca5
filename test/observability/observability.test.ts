// Logging and metrics through the real bootstrap and the real emulator: every line the
// runtime prints is checked to be exactly one JSON object, and every EMF line is validated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@thaw/emulator';
import { checkEmfLine, isEmfLine } from '@thaw/middleware';

const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
const FUNCTION = fileURLToPath(new URL('./fixtures/orders/', import.meta.url));

type Line = Record<string, any>;
interface Run {
  emulator: Emulator;
  /** Every line printed so far, parsed, in order. */
  lines: Line[];
  /** Lines that were not exactly one JSON object (must stay empty). */
  malformed: string[];
  /** EMF lines that broke a rule of the format (must stay empty). */
  badEmf: string[];
}

let run: Run | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await run?.emulator.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  run = undefined;
  scratch = undefined;
});

async function start(options: { timeoutSeconds?: number; maxConcurrency?: number; env?: Record<string, string> } = {}): Promise<Run> {
  scratch = mkdtempSync(join(tmpdir(), 'thaw-observability-'));
  const lines: Line[] = [];
  const malformed: string[] = [];
  const badEmf: string[] = [];
  const emulator = await startEmulator({
    command: [process.execPath, BOOTSTRAP],
    handler: 'index.handler',
    taskRoot: FUNCTION,
    functionName: 'orders',
    timeoutSeconds: options.timeoutSeconds ?? 10,
    logFormat: 'JSON',
    ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
    // A marker of its own: tests run in parallel and must not see each other's runtimes.
    env: { THAW_LIFECYCLE_MARKER: join(scratch, 'runtime-started'), ...options.env },
    onLog: (line) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        malformed.push(line);
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        malformed.push(line);
        return;
      }
      if (isEmfLine(line)) {
        const check = checkEmfLine(line);
        if (!check.ok) badEmf.push(`${check.problems.join('; ')}: ${line}`);
      }
      lines.push(value as Line);
    },
  });
  run = { emulator, lines, malformed, badEmf };
  return run;
}

const emf = (lines: Line[]) => lines.filter((l) => '_aws' in l);
const logsOf = (lines: Line[], requestId: string) => lines.filter((l) => !('_aws' in l) && l.function_request_id === requestId);
const metricNames = (line: Line) => line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name);

function expectCleanOutput(r: Run): void {
  expect(r.malformed).toEqual([]);
  expect(r.badEmf).toEqual([]);
}

describe('logging and metrics through the real runtime', () => {
  it('success: context on every line, cold start with init type, metrics flushed after each invocation', async () => {
    const r = await start();
    const first = await r.emulator.invoke({ action: 'ok', orderId: 'A-1', card: '4111 1111 1111 1111' });
    const second = await r.emulator.invoke({ action: 'ok', orderId: 'A-2' });
    expect([first.status, second.status]).toEqual(['success', 'success']);
    const firstLogs = logsOf(r.lines, first.requestId);
    expect(firstLogs.map((l) => l.message)).toEqual(['Lambda invocation event', 'order received', 'order done']);
    for (const line of firstLogs) {
      expect(line).toMatchObject({ cold_start: true, init_type: 'on-demand', function_name: 'orders', correlation_id: 'A-1', service: 'orders' });
      expect(line.xray_trace_id).toMatch(/^1-/);
    }
    expect(firstLogs[0]!.event.card).toBe('[redacted]');
    expect(JSON.stringify(r.lines)).not.toContain('4111 1111');
    expect(logsOf(r.lines, second.requestId).every((l) => l.cold_start === false && l.correlation_id === 'A-2')).toBe(true);
    // The buffered DEBUG line of a successful invocation is never printed.
    expect(r.lines.some((l) => l.message === 'looking up the order')).toBe(false);
    const metricLines = emf(r.lines);
    expect(metricLines.filter((l) => l.ColdStart === 1)).toHaveLength(1);
    expect(metricLines.find((l) => l.ColdStart === 1)).toMatchObject({ function_name: 'orders', init_type: 'on-demand' });
    expect(metricLines.filter((l) => l.OrdersReceived === 1)).toHaveLength(2);
    expect(metricLines.some((l) => typeof l.InitDuration === 'number')).toBe(true);
    expectCleanOutput(r);
  });

  it('error: the buffered DEBUG line, the structured error and the metrics are all written', async () => {
    const r = await start();
    const result = await r.emulator.invoke({ action: 'fail', orderId: 'B-1' });
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('RangeError');
    const lines = logsOf(r.lines, result.requestId);
    expect(lines.find((l) => l.level === 'DEBUG')).toMatchObject({ message: 'looking up the order', correlation_id: 'B-1' });
    expect(lines.find((l) => l.message === 'Invocation failed')).toMatchObject({
      level: 'ERROR',
      error: { name: 'RangeError', message: 'quantity must be positive' },
    });
    expect(emf(r.lines).filter((l) => l.OrdersReceived === 1)).toHaveLength(1);
    expectCleanOutput(r);
  });

  it('early response: the metrics recorded before it are flushed by the cleanup', async () => {
    const r = await start();
    const result = await r.emulator.invoke({ action: 'early', orderId: 'C-1' });
    expect(result.status).toBe('success');
    expect(result.response).toEqual({ fromCache: true });
    expect(emf(r.lines).filter((l) => l.EarlyAnswers === 1)).toHaveLength(1);
    expect(r.lines.some((l) => l.message === 'order received')).toBe(false);
    expectCleanOutput(r);
  });

  it('timeout: the metrics and buffered logs of the timed-out invocation are written before the platform stops it', async () => {
    // 3 s, not 1: the next invocation's re-init counts against its timeout, and it imports
    // Powertools, which takes most of a second on a loaded two-core machine.
    const r = await start({ timeoutSeconds: 3 });
    const result = await r.emulator.invoke({ action: 'hang', orderId: 'D-1' });
    expect(result.status).toBe('timeout');
    const metricLines = emf(r.lines).filter((l) => l.OrdersReceived === 1);
    expect(metricLines).toHaveLength(1);
    const lines = logsOf(r.lines, result.requestId);
    expect(lines.find((l) => l.message === 'Invocation is about to time out')).toMatchObject({ level: 'WARN', correlation_id: 'D-1' });
    expect(lines.find((l) => l.level === 'DEBUG')).toMatchObject({ message: 'looking up the order' });
    // The platform replaced the runtime: the next invocation is a cold start of a re-init.
    const next = await r.emulator.invoke({ action: 'ok', orderId: 'D-2' });
    expect(next.status).toBe('success');
    expect(logsOf(r.lines, next.requestId)[0]).toMatchObject({ cold_start: true, reinit: true });
    expectCleanOutput(r);
  });

  it('crash: the next runtime in the environment reports a re-init, on its logs and its ColdStart metric', async () => {
    const r = await start();
    const first = await r.emulator.invoke({ action: 'ok', orderId: 'E-1' });
    expect(logsOf(r.lines, first.requestId)[0]).not.toHaveProperty('reinit');
    const crashed = await r.emulator.invoke({ action: 'crash', orderId: 'E-2' });
    expect(crashed.status).toBe('exit');
    const after = await r.emulator.invoke({ action: 'ok', orderId: 'E-3' });
    expect(after.cold).toBe(true);
    expect(logsOf(r.lines, after.requestId)[0]).toMatchObject({ cold_start: true, reinit: true });
    const coldStarts = emf(r.lines).filter((l) => l.ColdStart === 1);
    expect(coldStarts).toHaveLength(2);
    expect(coldStarts[1]).toMatchObject({ reinit: 'true' });
    expectCleanOutput(r);
  });

  it('provisioned concurrency: the first invocation is still reported cold, with its init type', async () => {
    const r = await start({ env: { AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' } });
    const result = await r.emulator.invoke({ action: 'ok', orderId: 'F-1' });
    expect(logsOf(r.lines, result.requestId)[0]).toMatchObject({ cold_start: true, init_type: 'provisioned-concurrency' });
    expect(emf(r.lines).find((l) => l.ColdStart === 1)).toMatchObject({ init_type: 'provisioned-concurrency' });
    expectCleanOutput(r);
  });

  it('concurrency: overlapping invocations in one runtime keep their own request id on every line', async () => {
    const r = await start({ maxConcurrency: 4 });
    const ids = ['G-1', 'G-2', 'G-3', 'G-4', 'G-5', 'G-6', 'G-7', 'G-8'];
    const results = await Promise.all(ids.map((orderId) => r.emulator.invoke({ action: 'ok', orderId, waitMs: 100 })));
    expect(results.map((x) => x.status)).toEqual(ids.map(() => 'success'));
    const byOrder = new Map(results.map((x) => [(x.response as { orderId: string }).orderId, x.requestId]));
    const appLines = r.lines.filter((l) => !('_aws' in l) && 'correlation_id' in l);
    expect(appLines).toHaveLength(ids.length * 3);
    for (const line of appLines) expect(line.function_request_id).toBe(byOrder.get(line.correlation_id));
    // Every invocation's metrics line holds exactly its own one OrdersReceived value.
    const received = emf(r.lines).filter((l) => metricNames(l).includes('OrdersReceived'));
    expect(received.map((l) => l.OrdersReceived)).toEqual(ids.map(() => 1));
    expectCleanOutput(r);
  });
});
