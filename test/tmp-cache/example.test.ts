import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@thaw/emulator';

// The example function, run by the real bootstrap against the real emulator.
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bootstrap = join(repo, 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');
const root = mkdtempSync(join(tmpdir(), 'tmp-cache-example-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('examples/tmp-cache through the emulator', () => {
  it('cold miss first, then warm hits; the scratch file is gone after each invocation', async () => {
    const emulator = await startEmulator({
      command: [process.execPath, bootstrap],
      handler: 'index.handler',
      taskRoot: join(repo, 'examples', 'tmp-cache'),
      env: { TMP_CACHE_ROOT: root },
    });
    try {
      const first = await emulator.invoke({ request: 1 });
      expect(first.status).toBe('success');
      expect(first.response).toMatchObject({
        artifact: 'cold-miss', artifactOrigin: 'this-invocation', artifactBytes: 16 * 1024 * 1024,
        startClass: 'new-environment', coldInvocation: true,
      });
      const second = await emulator.invoke({ request: 2 });
      expect(second.response).toMatchObject({ artifact: 'warm-hit', artifactOrigin: 'earlier-invocation', coldInvocation: false });
      const third = await emulator.invoke({ request: 3 });
      expect(third.response).toMatchObject({ artifact: 'warm-hit' });
      const responses = [first, second, third].map((r) => r.response as { artifactSha256: string; scratchFile: string; requestDigest: string });
      expect(new Set(responses.map((r) => r.artifactSha256)).size).toBe(1);
      expect(new Set(responses.map((r) => r.requestDigest)).size).toBe(3);
      const { existsSync } = await import('node:fs');
      for (const r of responses) expect(existsSync(r.scratchFile)).toBe(false);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('start classification through the emulator', () => {
  it('an invocation that times out leads to a re-init classified as reinit-after-crash', async () => {
    const crashRoot = mkdtempSync(join(tmpdir(), 'tmp-cache-timeout-'));
    const emulator = await startEmulator({
      command: [process.execPath, bootstrap],
      handler: 'index.handler',
      taskRoot: join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'function'),
      env: { TMP_CACHE_ROOT: crashRoot },
      timeoutSeconds: 1,
    });
    try {
      expect((await emulator.invoke({})).response).toMatchObject({ startClass: 'new-environment', cold: true });
      expect((await emulator.invoke({})).response).toMatchObject({ cold: false });
      expect((await emulator.invoke({ hang: true })).status).toBe('timeout');
      const after = await emulator.invoke({});
      expect(after.cold).toBe(true);
      expect(after.response).toMatchObject({ startClass: 'reinit-after-crash', cold: true });
    } finally {
      await emulator.close();
      rmSync(crashRoot, { recursive: true, force: true });
    }
  }, 60_000);
});
