// The init-cache example function, run by the real bootstrap against the real emulator, with
// a real HTTP "flags service" on 127.0.0.1 counting how often it is called.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@thaw/emulator';

const BOOTSTRAP = fileURLToPath(new URL('../../packages/runtime-client/dist/bootstrap.cjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/init-cache/', import.meta.url));

interface FlagsService {
  url: string;
  calls(): number;
  close(): Promise<void>;
}

/** Answers { version: n } where n counts the requests so far. */
async function startFlagsService(): Promise<FlagsService> {
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    calls++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ version: calls }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/flags`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let emulator: Emulator | undefined;
let flags: FlagsService | undefined;
afterEach(async () => {
  await emulator?.close();
  await flags?.close();
  emulator = undefined;
  flags = undefined;
});

async function startExample(env: Record<string, string>): Promise<Emulator> {
  return startEmulator({
    command: [process.execPath, BOOTSTRAP],
    handler: 'index.handler',
    taskRoot: EXAMPLE,
    env,
    timeoutSeconds: 10,
  });
}

describe('examples/init-cache through the real bootstrap and emulator', () => {
  it('loads during init, answers the first invocation with it, and reuses it while warm', async () => {
    flags = await startFlagsService();
    emulator = await startExample({ FLAGS_URL: flags.url, FLAGS_TTL_MS: '600000' });
    const first = await emulator.invoke({ name: 'Ada' });
    const second = await emulator.invoke({ name: 'Grace' });
    const third = await emulator.invoke({});
    for (const result of [first, second, third]) expect(result.status).toBe('success');
    expect(first.cold).toBe(true);
    expect(second.cold).toBe(false);
    expect(first.response).toMatchObject({
      message: 'Hello from a value loaded during init, Ada',
      flags: { version: 1 },
    });
    expect(third.response).toMatchObject({ message: 'Hello from a value loaded during init, stranger' });
    expect(flags.calls()).toBe(1);
    const stats = (third.response as { cache: { hits: number; loads: number } }).cache;
    expect(stats.loads).toBe(2);
    expect(stats.hits).toBeGreaterThanOrEqual(4);
  });

  it('refreshes expired flags in the background, finished before each response is sent', async () => {
    flags = await startFlagsService();
    emulator = await startExample({ FLAGS_URL: flags.url, FLAGS_TTL_MS: '1' });
    const versions: number[] = [];
    const serviceCallsAfter: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await emulator.invoke({ name: `n${i}` });
      expect(result.status).toBe('success');
      versions.push((result.response as { flags: { version: number } }).flags.version);
      serviceCallsAfter.push(flags.calls());
    }
    // Whether the init load finished before the first read depends on timing, so judge the
    // warm invocations: each serves the flags it found (stale, the latest fetched before it
    // started) and has already fetched the next ones by the time its response arrives.
    for (const i of [1, 2]) {
      expect(serviceCallsAfter[i]).toBe(serviceCallsAfter[i - 1]! + 1);
      expect(versions[i]).toBe(serviceCallsAfter[i - 1]);
    }
  });

  it('keeps serving the last flags when the service goes away (stale-if-error)', async () => {
    flags = await startFlagsService();
    emulator = await startExample({ FLAGS_URL: flags.url, FLAGS_TTL_MS: '1' });
    const first = await emulator.invoke({});
    expect(first.status).toBe('success');
    await flags.close();
    const lastFetched = flags.calls();
    const second = await emulator.invoke({});
    const third = await emulator.invoke({});
    expect(second.status).toBe('success');
    expect(third.status).toBe('success');
    expect(second.response).toMatchObject({ flags: { version: lastFetched } });
    expect(third.response).toMatchObject({ flags: { version: lastFetched } });
    flags = undefined;
  });
});
