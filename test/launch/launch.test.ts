// The code-cache launcher (dist/launch.cjs) end to end, on the Node.js running the tests:
// make a cache with makeCodeCache, then run functions through the launcher under the real
// emulator and check they behave as under the plain bootstrap, with the cache accepted.
import { startEmulator } from '@thaw/emulator';
import { makeCodeCache } from '@thaw/runtime-client/code-cache';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../packages/runtime-client/dist/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'thaw-launch-'));
const runtime = join(work, 'runtime');
const task = join(work, 'task');
let cacheFile: string;

// Node 20 cannot import ES modules from cached code: the launcher runs the plain bootstrap there.
const supported = Number(process.versions.node.split('.')[0]) >= 22;

beforeAll(async () => {
  // A copy of the runtime, so the cache written beside it never lands in the package's dist/.
  mkdirSync(runtime);
  for (const file of ['bootstrap.cjs', 'launch.cjs']) copyFileSync(join(dist, file), join(runtime, file));
  mkdirSync(task);
  writeFileSync(join(task, 'esm.mjs'), 'export const handler = async (event) => { console.log("esm", event.n); return { esm: event.n }; };\n');
  writeFileSync(join(task, 'cjs.js'), 'exports.handler = async (event, context) => ({ cjs: event.n, id: context.awsRequestId });\n');
  writeFileSync(join(task, 'fails.js'), 'exports.handler = async () => { throw new TypeError("bad input"); };\n');
  if (!supported) return;
  const cache = await makeCodeCache(process.execPath);
  expect(cache.fileName).toBe(`bootstrap.cjs.${process.version}-${process.arch}.cache`);
  // The file carries the source it was made from, then V8's data.
  const source = readFileSync(join(runtime, 'bootstrap.cjs'));
  expect(cache.data.readUInt32BE(0)).toBe(source.length);
  expect(cache.data.subarray(4, 4 + source.length).equals(source)).toBe(true);
  expect(cache.data.length).toBeGreaterThan(4 + source.length + 1000);
  cacheFile = join(runtime, cache.fileName);
  writeFileSync(cacheFile, cache.data);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(handler: string, env: Record<string, string> = {}, maxConcurrency?: number) {
  const logs: string[] = [];
  const emulator = await startEmulator({ command: [process.execPath, join(runtime, 'launch.cjs')], handler, taskRoot: task, env, maxConcurrency, onLog: (line) => logs.push(line) });
  try {
    const first = await emulator.invoke({ n: 1 });
    const second = await emulator.invoke({ n: 2 });
    return { first, second, logs: logs.join('\n') };
  } finally {
    await emulator.close();
  }
}

describe('makeCodeCache', () => {
  it('rejects, with the Node.js output, when the given Node.js cannot run the training', async () => {
    const broken = join(work, 'broken-node');
    writeFileSync(broken, '#!/bin/sh\necho "exec format error (a node for another machine)" >&2\nexit 126\n', { mode: 0o755 });
    await expect(makeCodeCache(broken)).rejects.toThrow(/Cannot make a code cache with .*broken-node: the runtime wrote no cache \(it exited with code 126\)\. Its output:\nexec format error/);
  });
});

describe.skipIf(supported)('the code-cache launcher on Node 20', () => {
  it('refuses to make a cache, saying why, and runs ES module handlers from the plain bootstrap', async () => {
    await expect(makeCodeCache(process.execPath)).rejects.toThrow(/code caches need Node\.js 22 or later/);
    const { first, logs } = await run('esm.handler');
    expect([first.status, first.response], logs).toEqual(['success', { esm: 1 }]);
  });
});

describe.runIf(supported)('the code-cache launcher', () => {
  it('runs an ES module handler (dynamic import from cached code) cold and warm, using the cache', async () => {
    const { first, second, logs } = await run('esm.handler');
    expect([first.status, first.response, first.cold]).toEqual(['success', { esm: 1 }, true]);
    expect([second.status, second.response, second.cold]).toEqual(['success', { esm: 2 }, false]);
    expect(logs).toMatch(/\tINFO\tesm 1/);
    expect(logs).not.toMatch(/code cache/);
  });

  it('runs CommonJS handlers and reports their errors as the plain bootstrap does', async () => {
    const ok = await run('cjs.handler');
    expect(ok.second.response).toMatchObject({ cjs: 2 });
    const failed = await run('fails.handler');
    expect(failed.first.status).toBe('error');
    expect(failed.first.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(failed.logs).not.toMatch(/code cache/);
  });

  it('starts Managed Instances worker threads from the launcher', async () => {
    // The emulator sets AWS_LAMBDA_MAX_CONCURRENCY and lets that many /next wait at once.
    const { first, second, logs } = await run('cjs.handler', { AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' }, 2);
    expect([first.status, second.status], logs).toEqual(['success', 'success']);
    expect(second.response).toMatchObject({ cjs: 2 });
  });

  it('without a cache file, runs the bootstrap as it is', async () => {
    // Last: the other cases need the cache.
    rmSync(cacheFile);
    const { first, logs } = await run('cjs.handler');
    expect(first.response).toMatchObject({ cjs: 1 });
    expect(logs).not.toMatch(/code cache/);
  });
});
