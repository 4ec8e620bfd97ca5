// Worker threads (AWS_LAMBDA_NODEJS_WORKER_COUNT) under the emulator's Managed Instances
// mode: a worker that dies (an uncaught exception, process.exit in a handler) is reported
// and replaced; its invocations get an error at once; the other worker never notices.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@thaw/emulator';

const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/faults/', import.meta.url));

interface Answer {
  n: number;
  threadId: number;
  initCount: number;
}

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(lines: string[]): Promise<Emulator> {
  emu = await startEmulator({
    command: [process.execPath, BOOTSTRAP],
    taskRoot: FIXTURE,
    handler: 'workers.handler',
    maxConcurrency: 4,
    timeoutSeconds: 10,
    env: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' },
    onLog: (line) => lines.push(line),
  });
  return emu;
}

describe('worker threads: faults', () => {
  it('reports the invocation of a worker killed by an uncaught exception, replaces the worker, and keeps serving', async () => {
    const lines: string[] = [];
    const target = await start(lines);
    const warm = await Promise.all([0, 1, 2, 3].map((n) => target.invoke({ n })));
    const threadsBefore = new Set(warm.map((r) => (r.response as Answer).threadId));
    expect(threadsBefore.size).toBe(2);

    // A slow invocation is in flight while the crash happens; it may run in either worker.
    const slow = target.invoke({ n: 10, waitMs: 300 });
    const crashed = await target.invoke({ n: 11, crash: true });
    expect(crashed.status).toBe('error');
    expect(crashed.error?.errorMessage).toBe('crash in a timer');
    // Managed Instances log in JSON only: the uncaught error is the entry's message.
    const errorEntries = crashed.logs.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: string; message: { errorMessage?: string } }).filter((entry) => entry.level === 'ERROR');
    expect(errorEntries.some((entry) => entry.message.errorMessage === 'crash in a timer'), crashed.logs.join('\n')).toBe(true);

    const slowResult = await slow;
    // Either it shared the dead worker (and got an error now, not a timeout) or it finished.
    if (slowResult.status === 'success') expect(slowResult.response).toMatchObject({ n: 10 });
    else expect(slowResult.error?.errorType).toMatch(/^(Runtime\.ExitError|Error)$/);

    const after = await Promise.all([20, 21, 22, 23].map((n) => target.invoke({ n })));
    expect(after.map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
    for (const r of after) expect((r.response as Answer).initCount).toBe(1);
    expect(lines.some((line) => /"level":"ERROR".*"message":"Worker thread \d \(thread \d+\) exited with code 129; .* Starting a replacement/.test(line))).toBe(true);
  });

  it('answers Runtime.ExitError for process.exit inside a handler running in a worker, and keeps serving', async () => {
    const lines: string[] = [];
    const target = await start(lines);
    const exited = await target.invoke({ n: 1, exit: true });
    expect(exited.status).toBe('error');
    expect(exited.error).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(exited.error?.errorMessage).toMatch(/^RequestId: \S+ Error: the worker thread running this invocation \(thread \d+\) exited with code 3\.$/);
    const after = await Promise.all([2, 3, 4, 5].map((n) => target.invoke({ n })));
    expect(after.map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
  });

  it('process.stdout.write in a worker reaches the log at once: before the response, in order with console output', async () => {
    const lines: string[] = [];
    const target = await start(lines);
    // What the log held when each answer arrived (the direct line carries no request id, so
    // the emulator cannot attribute it: the whole log is checked instead).
    const seenAtAnswer = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => target.invoke({ n, stdout: true }).then(() => [...lines])));
    for (const [i, seen] of seenAtAnswer.entries()) {
      const n = i + 1;
      const direct = seen.indexOf(`direct ${n}`);
      const after = seen.findIndex((line) => line.includes(`"message":"after ${n}"`));
      // A worker's own process.stdout would post the chunk to the main thread, which writes it
      // later: after the console line, and possibly after the response.
      expect(direct, seen.join('\n')).toBeGreaterThanOrEqual(0);
      expect(after, seen.join('\n')).toBeGreaterThan(direct);
    }
  });

  it('long lines from several worker threads come out whole, never cut into each other', async () => {
    const lines: string[] = [];
    const target = await start(lines);
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => target.invoke({ n, long: true })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'success'));
    const threads = new Set(results.map((r) => (r.response as Answer).threadId));
    expect(threads.size).toBe(2);
    const direct = lines.filter((line) => line.startsWith('D'));
    const logged = lines.filter((line) => line.startsWith('{') && line.includes('"message":"C'));
    // 8 invocations x 5 lines each way; a torn line would be missing, split or mixed.
    expect(direct).toHaveLength(40);
    expect(logged).toHaveLength(40);
    for (const line of direct) expect(line, line.slice(0, 80)).toMatch(/^D\d\.\d:d{100000}$/);
    for (const line of logged) expect((JSON.parse(line) as { message: string }).message).toMatch(/^C\d\.\d:c{100000}$/);
  });
});
