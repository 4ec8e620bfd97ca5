// Graceful shutdown end to end: the real bootstrap under the real emulator, whose close()
// and timeout reset send SHUTDOWN (with a reason) to the runtime's internal extension, then
// SIGTERM, then SIGKILL after 500 ms.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '@thaw/emulator';

const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/shutdown/', import.meta.url));
const REGISTER = '/2020-01-01/extension/register';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(lines: string[], options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  emu = await startEmulator({
    command: [process.execPath, BOOTSTRAP],
    taskRoot: FIXTURE,
    handler: 'hooks.handler',
    timeoutSeconds: 10,
    onLog: (line) => lines.push(line),
    ...options,
  });
  return emu;
}

// Text lines carry the message after the third tab; JSON lines (Managed Instances log only in JSON) in `message`.
const messages = (lines: string[]): string[] =>
  lines.map((line) => (line.startsWith('{') ? String((JSON.parse(line) as { message?: unknown }).message) : line.split('\t').slice(3).join('\t')));

describe('onShutdown hooks', () => {
  it('registers the internal extension when a hook exists after init, and runs the hook on close (spindown), then exits 0', async () => {
    const lines: string[] = [];
    const target = await start(lines);
    expect((await target.invoke({})).status).toBe('success');
    const register = target.initTraffic().find((record) => record.path === REGISTER);
    expect(register).toMatchObject({ method: 'POST', status: 200 });
    expect(register?.headers['lambda-extension-name']).toBe('thaw-runtime-shutdown');
    expect(JSON.parse(register!.body.toString())).toEqual({ events: ['SHUTDOWN'] });
    await target.close();
    emu = undefined;
    expect(messages(lines)).toEqual(expect.arrayContaining(['hook start reason=spindown withinBudget=true', 'hook done', 'process exit 0']));
    expect(messages(lines).some((line) => /^Shutdown \(spindown\): hooks done in \d+ ms; exiting\.$/.test(line))).toBe(true);
  });

  it('runs the hook with reason timeout when a timed-out runtime is reset, and the re-init works', async () => {
    const lines: string[] = [];
    const target = await start(lines, { timeoutSeconds: 1 });
    expect((await target.invoke({ hang: true })).status).toBe('timeout');
    const after = await target.invoke({});
    expect(after).toMatchObject({ status: 'success', cold: true });
    expect(messages(lines)).toEqual(expect.arrayContaining(['hook start reason=timeout withinBudget=true', 'hook done', 'process exit 0']));
  });

  it('stops waiting for a hook that outlives the budget: aborts its signal, warns, and still exits 0 before SIGKILL', async () => {
    const lines: string[] = [];
    const target = await start(lines, { env: { HOOK_MODE: 'slow' } });
    await target.invoke({});
    await target.close();
    emu = undefined;
    const text = messages(lines);
    expect(text).toEqual(expect.arrayContaining(['hook aborted', 'process exit 0']));
    expect(text.some((line) => /^1 shutdown hook\(s\) had not finished when the budget ran out \("flushBuffers"\)/.test(line))).toBe(true);
  });

  it('registers no extension (no extra cold-start request) when no hook exists and THAW_SHUTDOWN_EXTENSION is unset', async () => {
    const lines: string[] = [];
    const target = await start(lines, { env: { HOOK_MODE: 'none' } });
    await target.invoke({});
    expect(target.initTraffic().some((record) => record.path.startsWith('/2020-01-01/'))).toBe(false);
  });

  it('registers the extension when THAW_SHUTDOWN_EXTENSION=1, and warns when a hook arrives too late without one', async () => {
    const forced: string[] = [];
    const target = await start(forced, { env: { HOOK_MODE: 'none', THAW_SHUTDOWN_EXTENSION: '1' } });
    await target.invoke({});
    expect(target.initTraffic().some((record) => record.path === REGISTER && record.status === 200)).toBe(true);
    await target.close();

    const late: string[] = [];
    const second = await start(late, { env: { HOOK_MODE: 'late' } });
    const result = await second.invoke({});
    expect(result.logs.some((line) => /\tWARN\tonShutdown was called after init, and no shutdown extension is registered.*THAW_SHUTDOWN_EXTENSION=1/.test(line))).toBe(true);
  });

  it('shares the registry with a function that imports onShutdown from the package', async () => {
    const lines: string[] = [];
    const target = await start(lines, { handler: 'package-hook.handler' });
    await target.invoke({});
    await target.close();
    emu = undefined;
    expect(messages(lines)).toEqual(expect.arrayContaining(['package hook reason=spindown', 'process exit 0']));
  });

  it('runs the hooks of every worker thread on Managed Instances, where only the SHUTDOWN event arrives (no SIGTERM)', async () => {
    const lines: string[] = [];
    const target = await start(lines, { maxConcurrency: 2, env: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' } });
    await Promise.all([target.invoke({}), target.invoke({})]);
    await target.close();
    emu = undefined;
    const text = messages(lines);
    expect(text.filter((line) => line === 'hook start reason=spindown withinBudget=true')).toHaveLength(2);
    expect(text.filter((line) => line === 'hook done')).toHaveLength(2);
    expect(text.some((line) => /^Shutdown \(spindown\): hooks done in \d+ ms; exiting\.$/.test(line))).toBe(true);
  });
});
