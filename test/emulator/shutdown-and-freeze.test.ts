// The platform's stop sequence (SHUTDOWN to the extension, SIGTERM, SIGKILL after 500 ms) and its
// freeze between invocations, observed through a probe runtime that speaks raw HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '@thaw/emulator';
import { FIXTURES } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

function startProbe(lines: string[], options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    command: [process.execPath, join(FIXTURES, 'probe-runtime.mjs')],
    timeoutSeconds: 5,
    onLog: (line) => lines.push(line),
    ...options,
  });
}

function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '?';
  } catch {
    return 'gone';
  }
}

async function waitForState(pid: number, wanted: string): Promise<string> {
  let state = processState(pid);
  for (let attempt = 0; attempt < 200 && state !== wanted; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    state = processState(pid);
  }
  return state;
}

function shutdownEvents(lines: string[]): Array<{ eventType: string; shutdownReason: string; deadlineMs: number }> {
  return lines.filter((line) => line.startsWith('extension event ')).map((line) => JSON.parse(line.slice('extension event '.length)));
}

describe('shutdown through the Extensions API', () => {
  it('registers during init and delivers SHUTDOWN (spindown) then SIGTERM when the emulator closes', async () => {
    const lines: string[] = [];
    emu = await startProbe(lines);
    const result = await emu.invoke({});
    expect(result.status).toBe('success');
    const registration = emu.initTraffic().find((t) => t.path === '/2020-01-01/extension/register');
    expect(registration).toMatchObject({ method: 'POST', status: 200 });
    expect(registration?.headers['lambda-extension-name']).toBe('probe');
    await emu.close();
    const [event] = shutdownEvents(lines);
    expect(event).toMatchObject({ eventType: 'SHUTDOWN', shutdownReason: 'spindown' });
    expect(event?.deadlineMs).toBeGreaterThan(0);
    expect(lines).toContain('SIGTERM received');
  });

  it('sends SHUTDOWN with reason timeout when a timed-out runtime is reset', async () => {
    const lines: string[] = [];
    // The re-init after the reset counts against the timeout (a suppressed init): leave it room.
    emu = await startProbe(lines, { timeoutSeconds: 1.5 });
    const timedOut = await emu.invoke({ hang: true });
    expect(timedOut.status).toBe('timeout');
    // The next invocation starts only once the old runtime is gone.
    const after = await emu.invoke({});
    expect(after).toMatchObject({ status: 'success', cold: true });
    expect(shutdownEvents(lines).map((event) => event.shutdownReason)).toEqual(['timeout']);
  });

  it('kills a runtime that ignores SIGTERM once the grace period ends', async () => {
    const lines: string[] = [];
    emu = await startProbe(lines, { env: { IGNORE_SIGTERM: '1' } });
    const { pid } = (await emu.invoke({})).response as { pid: number };
    await emu.close();
    expect(lines).toContain('SIGTERM received');
    expect(processState(pid)).toBe('gone');
  });
});

describe('freeze between invocations', () => {
  it('stops the runtime while it waits on /next and thaws it for the next invocation', async () => {
    emu = await startProbe([]);
    const { pid } = (await emu.invoke({})).response as { pid: number };
    expect(await waitForState(pid, 'T')).toBe('T');
    const again = await emu.invoke({});
    expect(again.response).toEqual({ pid });
  });

  it('does not freeze in Managed Instances mode', async () => {
    emu = await startProbe([], { maxConcurrency: 2 });
    const first = await emu.invoke({});
    const { pid } = first.response as { pid: number };
    // The same invocation round trip that froze the runtime above leaves it running here.
    await emu.invoke({});
    expect(processState(pid)).not.toBe('T');
  });
});
