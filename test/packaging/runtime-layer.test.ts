// The custom-runtime path end to end: `thaw build` a TypeScript function, `thaw layer runtime`
// with the layer's own Node.js, unzip both (standing for /opt and /var/task), and invoke the
// real bootstrap from the layer under the emulator.
import { startEmulator } from '@thaw/emulator';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    const built = thawJson<{ manifest: { node: { version: string; arch: string; sha256: string }; codeCache: unknown } }>(
      ['layer', 'runtime', '--node', '22', '--arch', 'x86_64', '--out', join(work, 'runtime-node22.zip')],
      { cwd: work },
    );
    expect(built.manifest.node).toMatchObject({ version: NODE_22, arch: 'x86_64' });
    const opt = unzip(join(work, 'runtime-node22.zip'), join(work, 'opt-node22'));
    expect(statSync(join(opt, 'bootstrap')).mode & 0o777).toBe(0o755);
    expect(statSync(join(opt, 'thaw', 'node')).mode & 0o777).toBe(0o755);
    // This machine runs x64 Linux, so the layer carries a code cache for its Node.js.
    expect(built.manifest.codeCache).toEqual({ file: `thaw/bootstrap.cjs.v${NODE_22}-x64.cache` });
    expect(existsSync(join(opt, 'thaw', `bootstrap.cjs.v${NODE_22}-x64.cache`))).toBe(true);

    const { result, logs } = await invokeWith(opt, { PATH: emptyPath });
    expect(result.status, logs.join('\n')).toBe('success');
    expect(result.response).toMatchObject({ message: 'hello, layer', platform: 'linux', node: `v${NODE_22}` });
    expect(result.cold).toBe(true);
    // The launcher says when it cannot use the cache; here it could.
    expect(logs.join('\n')).not.toMatch(/code cache/);
  });

  it.skipIf(!cachedNode(NODE_22))('a code cache that does not fit is skipped with one warning, and the function still runs', { timeout: 60_000 }, async () => {
    const opt = join(work, 'opt-node22');
    // Other V8 flags than the cache was made with: V8 refuses it.
    const flags = await invokeWith(opt, { PATH: emptyPath, NODE_OPTIONS: '--stack-trace-limit=30' });
    expect(flags.result.status, flags.logs.join('\n')).toBe('success');
    expect(flags.logs.join('\n')).toMatch(/thaw: the V8 code cache \S+ was not used \(V8 rejected it: .*check NODE_OPTIONS/);
    // A bootstrap.cjs changed after the cache was made: the launcher refuses it before V8 sees it.
    const changed = join(work, 'opt-node22-changed');
    cpSync(opt, changed, { recursive: true });
    appendFileSync(join(changed, 'thaw', 'bootstrap.cjs'), '\n// changed\n');
    const edited = await invokeWith(changed, { PATH: emptyPath });
    expect(edited.result.status, edited.logs.join('\n')).toBe('success');
    expect(edited.logs.join('\n')).toMatch(/was not used \(it was made from another bootstrap\.cjs: rebuild the layer\)/);
  });

  it('when the code cache cannot be made, the layer is still built, without one, and says why', { timeout: 60_000 }, () => {
    // A node cache whose "Node.js 24" is a real x86-64 executable that is not Node.js
    // (/bin/false): it passes the architecture check, and the training invocation fails.
    const fakeCache = join(work, 'fake-node-cache');
    const fakeDir = join(fakeCache, '24.21.0-x64');
    mkdirSync(join(fakeDir, 'bin'), { recursive: true });
    copyFileSync('/bin/false', join(fakeDir, 'bin', 'node'));
    writeFileSync(join(fakeDir, 'LICENSE'), 'stand-in licence\n');
    const built = thawJson<{ manifest: { codeCache: { file?: string; none?: string } } }>(
      ['layer', 'runtime', '--node', '24', '--arch', 'x86_64', '--out', join(work, 'runtime-no-cache.zip')],
      { cwd: work, env: { THAW_NODE_CACHE: fakeCache } },
    );
    expect(built.manifest.codeCache.file).toBeUndefined();
    expect(built.manifest.codeCache.none).toMatch(/^could not make one: .*the runtime wrote no cache \(it exited with code 1\)/);
    const opt = unzip(join(work, 'runtime-no-cache.zip'), join(work, 'opt-no-cache'));
    expect(existsSync(join(opt, 'thaw', 'bootstrap.cjs'))).toBe(true);
    expect(readdirSync(join(opt, 'thaw')).filter((name) => name.endsWith('.cache'))).toEqual([]);
  });

  it('without --node, runs the function with the node found on PATH', async () => {
    const built = thawJson<{ manifest: { codeCache: { none?: string } } }>(['layer', 'runtime', '--out', join(work, 'runtime.zip')], { cwd: work });
    expect(built.manifest.codeCache.none).toMatch(/node on PATH/);
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
