// Faults the real emulator produces, against the real bootstrap: a handler that never
// settles (the timeout kills the runtime and the next invocation re-inits) and
// process.exit inside a handler (the caller gets Runtime.ExitError at once). The 413 path
// is the conformance case response-too-large; Runtime API misbehaviour the emulator never
// shows (500s, resets, restarts, 403 duplicates) is in
// packages/runtime-client/src/loop/fault-policy.test.ts.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@thaw/emulator';

const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/faults/', import.meta.url));

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

function start(timeoutSeconds = 10): Promise<Emulator> {
  return startEmulator({ command: [process.execPath, BOOTSTRAP], taskRoot: FIXTURE, handler: 'handler.handler', timeoutSeconds });
}

describe('faults through the emulator (one invocation at a time)', () => {
  it('kills a handler that never settles at the timeout, and the next invocation re-inits in a new process', async () => {
    emu = await start(1);
    const first = await emu.invoke({});
    const hung = await emu.invoke({ hang: true });
    expect(hung.status).toBe('timeout');
    expect(hung.error?.errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
    const after = await emu.invoke({});
    expect(after).toMatchObject({ status: 'success', cold: true, response: { invocations: 1 } });
    expect((after.response as { pid: number }).pid).not.toBe((first.response as { pid: number }).pid);
  });

  it('gives the caller Runtime.ExitError when the handler calls process.exit, and serves the next invocation', async () => {
    emu = await start();
    const exited = await emu.invoke({ exit: true });
    expect(exited.status).toBe('exit');
    expect(exited.error?.errorType).toBe('Runtime.ExitError');
    expect(exited.error?.errorMessage).toMatch(/exit status 7|code 7/);
    const after = await emu.invoke({});
    expect(after).toMatchObject({ status: 'success', cold: true });
  });
});
