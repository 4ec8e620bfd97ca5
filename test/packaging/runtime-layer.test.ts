// The custom-runtime path end to end: `thaw build` a TypeScript function, `thaw layer runtime`
// with the layer's own Node.js, unzip both (standing for /opt and /var/task), and invoke the
// real bootstrap from the layer under the emulator.
import { startEmulator } from '@thaw/emulator';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedNode, fixtures, hasUnzip, thawJson, unzip } from './cli.js';

const NODE_22 = '22.23.3';
const work = mkdtempSync(join(tmpdir(), 'thaw-runtime-layer-'));
const emptyPath = join(work, 'empty-path'); // a PATH with no node on it

afterAll(() => rmSync(work, { recursive: true, force: true }));

let task: string;
beforeAll(() => {
  thawJson(['build', join(fixtures, 'function', 'index.ts'), '--out', join(work, 'bundle'), '--zip', join(work, 'function.zip'), '--quiet'], { cwd: work });
  task = unzip(join(work, 'function.zip'), join(work, 'var-task'));
});

async function invokeWith(opt: string, env: Record<string, string>, taskRoot = task) {
  const logs: string[] = [];
  const emulator = await startEmulator({
    command: [join(opt, 'bootstrap')],
    handler: 'index.handler',
    taskRoot,
    env,
    timeoutSeconds: 20,
    onLog: (line) => logs.push(line),
  });
  try {
    return { result: await emulator.invoke({ name: 'layer' }), logs };
  } finally {
    await emulator.close();
  }
}

describe.skipIf(!hasUnzip)('thaw layer runtime', () => {
  it.skipIf(!cachedNode(NODE_22))('runs the bundled function with the Node.js shipped in the layer', { timeout: 120_000 }, async () => {
    const built = thawJson<{ manifest: { node: { version: string; arch: string; sha256: string } } }>(
      ['layer', 'runtime', '--node', '22', '--arch', 'x86_64', '--out', join(work, 'runtime-node22.zip')],
      { cwd: work },
    );
    expect(built.manifest.node).toMatchObject({ version: NODE_22, arch: 'x86_64' });
    const opt = unzip(join(work, 'runtime-node22.zip'), join(work, 'opt-node22'));
    expect(statSync(join(opt, 'bootstrap')).mode & 0o777).toBe(0o755);
    expect(statSync(join(opt, 'thaw', 'node')).mode & 0o777).toBe(0o755);

    const { result, logs } = await invokeWith(opt, { PATH: emptyPath });
    expect(result.status, logs.join('\n')).toBe('success');
    expect(result.response).toMatchObject({ message: 'hello, layer', platform: 'linux', node: `v${NODE_22}` });
    expect(result.cold).toBe(true);
  });

  it('without --node, runs the function with the node found on PATH', async () => {
    thawJson(['layer', 'runtime', '--out', join(work, 'runtime.zip')], { cwd: work });
    const opt = unzip(join(work, 'runtime.zip'), join(work, 'opt'));
    const { result, logs } = await invokeWith(opt, { PATH: join(process.execPath, '..') });
    expect(result.status, logs.join('\n')).toBe('success');
    expect(result.response).toMatchObject({ message: 'hello, layer', node: process.version });
  });

  it('without --node and no node on PATH, the bootstrap says what to do', async () => {
    thawJson(['layer', 'runtime', '--out', join(work, 'runtime-bare.zip')], { cwd: work });
    const opt = unzip(join(work, 'runtime-bare.zip'), join(work, 'opt-bare'));
    const { result, logs } = await invokeWith(opt, { PATH: emptyPath });
    expect(result.status).not.toBe('success');
    expect(logs.join('\n')).toMatch(/no Node\.js found: build the runtime layer with --node 22 or --node 24/);
  });

  it('the bootstrap also works from inside the function directory (a function zip carrying the runtime)', async () => {
    // Lambda runs /var/task/bootstrap when the function zip has one: unzip the layer there.
    const combined = unzip(join(work, 'runtime.zip'), join(work, 'var-task-with-runtime'));
    unzip(join(work, 'function.zip'), combined);
    const { result, logs } = await invokeWith(combined, { PATH: join(process.execPath, '..') }, combined);
    expect(result.status, logs.join('\n')).toBe('success');
    expect(result.response).toMatchObject({ message: 'hello, layer' });
  });
});
