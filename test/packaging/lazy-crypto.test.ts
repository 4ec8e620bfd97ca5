// `thaw build` defers node:crypto: a bundled function whose dependencies import only crypto
// functions (Powertools' Logger imports randomInt for sampling) does not load node:crypto at
// init, and loads it at the first call. Run through the real bootstrap under the emulator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@thaw/emulator';
import { fixtures, repoRoot, thawJson } from './cli.js';

const BOOTSTRAP = join(repoRoot, 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');
const STATIC_CRYPTO_IMPORT = /\bfrom\s*["'](?:node:)?crypto["']/;
const work = mkdtempSync(join(tmpdir(), 'thaw-lazy-crypto-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Observed {
  loadedAtInit: boolean;
  loadedBeforeCall: boolean;
  loadedAfterCall: boolean;
  id?: string;
}

async function invokeBuilt(taskRoot: string, event: unknown, env: Record<string, string> = {}) {
  const emulator = await startEmulator({
    command: [process.execPath, BOOTSTRAP],
    handler: 'index.handler',
    taskRoot,
    logFormat: 'JSON',
    env: { THAW_LIFECYCLE_MARKER: 'off', ...env },
  });
  try {
    return await emulator.invoke(event);
  } finally {
    await emulator.close();
  }
}

describe('thaw build: node:crypto loaded at first use', () => {
  const out = join(work, 'observed');
  thawJson(['build', join(fixtures, 'observed', 'index.mjs'), '--out', out], { cwd: work });

  it('a function with logging and metrics starts without node:crypto and loads it at its first call', async () => {
    expect(readFileSync(join(out, 'index.mjs'), 'utf8')).not.toMatch(STATIC_CRYPTO_IMPORT);
    const result = await invokeBuilt(out, { action: 'uuid' });
    expect(result.status).toBe('success');
    const observed = result.response as Observed;
    expect(observed).toMatchObject({ loadedAtInit: false, loadedBeforeCall: false, loadedAfterCall: true });
    expect(observed.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const lines = result.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.message === 'observed' && l.service === 'observed')).toBe(true);
    expect(lines.some((l) => '_aws' in l && l.Observed === 1)).toBe(true);
    // Without sampling, the DEBUG line stays out.
    expect(lines.some((l) => l.message === 'sampled debug line')).toBe(false);
  });

  it("Powertools' sampling draw still works: with a sample rate of 1 the DEBUG line is logged", async () => {
    const result = await invokeBuilt(out, { action: 'log' }, { POWERTOOLS_LOGGER_SAMPLE_RATE: '1' });
    expect(result.status).toBe('success');
    // The draw ran (through the stand-in) when logging() set up its Logger, at init.
    expect(result.response).toMatchObject({ loadedAtInit: false, loadedBeforeCall: true });
    const lines = result.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.message === 'sampled debug line' && l.level === 'DEBUG')).toBe(true);
  });

  it('an import that needs the module itself keeps node:crypto loaded at start', async () => {
    const project = join(work, 'namespace');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'index.mjs'),
      "import * as crypto from 'node:crypto';\nconst loadedAtInit = process.moduleLoadList.includes('NativeModule crypto');\n" +
        "export const handler = async () => ({ loadedAtInit, id: crypto.randomUUID(), keyObject: typeof crypto.KeyObject });\n",
    );
    const built = join(project, 'out');
    thawJson(['build', 'index.mjs', '--out', built], { cwd: project });
    expect(readFileSync(join(built, 'index.mjs'), 'utf8')).toMatch(STATIC_CRYPTO_IMPORT);
    const result = await invokeBuilt(built, {});
    expect(result.response).toMatchObject({ loadedAtInit: true, keyObject: 'function' });
  });
});
