// The managed-runtime path: `thaw layer node`, unzipped into a directory standing for /opt,
// and a function in another standing for /var/task that requires thaw's libraries through
// NODE_PATH, as nodejs22.x sets it, run by the real bootstrap under the emulator.
import { startEmulator } from '@thaw/emulator';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, hasUnzip, thawJson, unzip } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-node-layer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const bootstrap = createRequire(import.meta.url).resolve('@thaw/runtime-client/bootstrap');

describe.skipIf(!hasUnzip)('thaw layer node', () => {
  it('carries @thaw/tmp-cache and @thaw/middleware with their dependencies, loadable from /opt/nodejs/node_modules', async () => {
    const built = thawJson<{ packages: Array<{ name: string; path: string }>; leftToRuntime: string[]; zip: { sha256: string } }>(
      ['layer', 'node', '--out', join(work, 'node-layer.zip')],
      { cwd: work },
    );
    const names = built.packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['@thaw/middleware', '@thaw/tmp-cache', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/commons']));
    expect(names.some((n) => n.startsWith('@aws-sdk/'))).toBe(false);

    const opt = unzip(join(work, 'node-layer.zip'), join(work, 'opt'));
    const manifest = JSON.parse(readFileSync(join(opt, 'nodejs', 'thaw-node-layer.json'), 'utf8'));
    expect(manifest.packages['@thaw/tmp-cache']).toMatch(/^\d+\.\d+\.\d+/);

    // Copied out of the repository, whose node_modules would otherwise answer first.
    const task = join(work, 'var-task');
    cpSync(join(fixtures, 'uses-node-layer'), task, { recursive: true });
    const emulator = await startEmulator({
      command: [process.execPath, bootstrap],
      handler: 'index.handler',
      taskRoot: task,
      env: { NODE_PATH: `${join(opt, 'nodejs', 'node_modules')}` },
      timeoutSeconds: 20,
    });
    try {
      const result = await emulator.invoke({});
      expect(result.status, result.logs.join('\n')).toBe('success');
      const response = result.response as { tmpCache: { resolved: string; exports: string[] }; middleware: { resolved: string; exports: string[] } };
      // Loaded from the layer, not from the repository's node_modules.
      expect(response.tmpCache.resolved.startsWith(opt)).toBe(true);
      expect(response.middleware.resolved.startsWith(opt)).toBe(true);
      expect(response.tmpCache.exports.length).toBeGreaterThan(0);
      expect(response.middleware.exports.length).toBeGreaterThan(0);
    } finally {
      await emulator.close();
    }
  });
});
