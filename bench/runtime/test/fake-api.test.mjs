// The fake Runtime API and the session runner, exercised with real processes: the bare
// loop contender as the runtime, and raw HTTP where a protocol path needs exact control.
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEnv, TASK_ROOT } from '../contenders/index.mjs';
import { startFakeApi } from '../fake-api/control.mjs';
import { coldSample } from '../scenarios/cold.mjs';
import { withRuntime } from '../scenarios/session.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bareLoop = join(here, '..', 'contenders', 'bare-loop.mjs');
let api;

beforeAll(async () => { api = await startFakeApi(process.execPath); });
afterAll(async () => { await api?.close(); });

const bareSpec = (handler, extra = {}) => ({ command: [process.execPath, bareLoop], env: lambdaEnv(api.runtimeApi, handler, extra), cwd: TASK_ROOT });

function http(method, path, { headers = {}, body, chunks, trailers } = {}) {
  const [host, port] = api.runtimeApi.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path: `/2018-06-01/runtime/${path}`, headers }, (res) => {
      const got = [];
      res.on('data', (c) => got.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(got) }));
    });
    req.on('error', reject);
    for (const c of chunks ?? []) req.write(c);
    if (trailers) req.addTrailers(trailers);
    req.end(body);
  });
}

describe('fake Runtime API with a real runtime process', () => {
  it('serves the cold and warm plans, checks the echoed bytes and measures CPU', async () => {
    const result = await withRuntime(api, bareSpec('echo.handler'), async (s) => {
      const cold = s.serve({ tag: 'cold', count: 1, eventSize: 1024 });
      const runtime = s.spawn();
      const first = await cold;
      const warm = await s.measure({ tag: 'warm', count: 30, eventSize: 2048 });
      return { first, warm, spawnedAt: runtime.spawnedAt };
    });
    expect(result.first.firstNextAt).toBeGreaterThan(result.spawnedAt);
    expect(result.first.firstResponseAt).toBeGreaterThan(result.first.firstNextAt);
    expect(result.warm.finished).toBe(30);
    expect(result.warm.mismatches).toBe(0);
    expect(result.warm.cpuNs).toBeGreaterThan(0);
    expect(result.warm.memory.peak).toBeGreaterThan(10);
  });

  it('takes a cold-start sample paired with its node -e 0 floor', async () => {
    const sample = await coldSample(api, bareSpec('echo.handler'), process.execPath);
    expect(sample.floorMs).toBeGreaterThan(0);
    expect(sample.coldResponseMs).toBeGreaterThan(sample.coldNextMs);
    expect(sample.coldNextOverFloorMs).toBeCloseTo(sample.coldNextMs - sample.floorMs, 6);
    expect(sample.peakMiB).toBeGreaterThan(10);
    expect(sample.coldCpuMs).toBeGreaterThan(1);
  });

  it('keeps no more invocations in flight than the plan allows', async () => {
    const report = await withRuntime(api, bareSpec('io-wait.handler', { AWS_LAMBDA_MAX_CONCURRENCY: '6', BENCH_IO_WAIT_MS: '5' }), async (s) => {
      const plan = s.serve({ tag: 'c4', count: 24, eventSize: 1024, concurrency: 4, expectEcho: false });
      s.spawn();
      return plan;
    });
    expect(report.finished).toBe(24);
    expect(report.maxInFlight).toBe(4);
  });

  it('fails the plan with the handler error when the runtime reports one', async () => {
    const taskRoot = join(here, 'fixtures');
    const spec = { ...bareSpec('throws.handler', { LAMBDA_TASK_ROOT: taskRoot }), cwd: taskRoot };
    const run = withRuntime(api, spec, async (s) => {
      const plan = s.serve({ tag: 'failing', count: 3, eventSize: 1024 });
      s.spawn();
      return plan;
    });
    await expect(run).rejects.toThrow(/plan "failing": 3 error\(s\).*bench fixture failure on purpose/s);
  });

  it('fails the plan with the runtime output when the runtime dies', async () => {
    const spec = { command: [process.execPath, '-e', 'console.error("no Runtime API for me"); process.exit(3)'], env: { PATH: process.env.PATH }, cwd: TASK_ROOT };
    const run = withRuntime(api, spec, async (s) => {
      const plan = s.serve({ tag: 'never', count: 1, eventSize: 1024 });
      s.spawn();
      return plan;
    });
    await expect(run).rejects.toThrow(/exited early \(code 3.*no Runtime API for me/s);
  });
});

describe('fake Runtime API protocol paths', () => {
  it('times the first byte of a streamed response and counts its bytes', async () => {
    await api.reset();
    const served = api.serve({ tag: 'stream', count: 1, eventSize: 1024, expectEcho: false });
    const next = await http('GET', 'invocation/next');
    expect(next.status).toBe(200);
    expect(next.body.length).toBe(1024);
    const id = next.headers['lambda-runtime-aws-request-id'];
    expect(Number(next.headers['lambda-runtime-deadline-ms'])).toBeGreaterThan(Date.now());
    const posted = await http('POST', `invocation/${encodeURIComponent(id)}/response`, {
      headers: { 'lambda-runtime-function-response-mode': 'streaming', 'transfer-encoding': 'chunked', trailer: 'Lambda-Runtime-Function-Error-Type' },
      chunks: [Buffer.from('first'), Buffer.alloc(70_000, 1)],
    });
    expect(posted.status).toBe(202);
    const report = await served;
    expect(report.streamedBytes).toBe(70_005);
    expect(report.ttfbMs).toHaveLength(1);
    expect(report.ttfbMs[0]).toBeGreaterThanOrEqual(0);
    expect(report.errors).toBe(0);
  });

  it('counts a stream that ends with error trailers as a failed invocation', async () => {
    await api.reset();
    const served = api.serve({ tag: 'stream-fail', count: 1, eventSize: 1024, expectEcho: false });
    const next = await http('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    await http('POST', `invocation/${id}/response`, {
      headers: { 'lambda-runtime-function-response-mode': 'streaming', 'transfer-encoding': 'chunked', trailer: 'Lambda-Runtime-Function-Error-Type' },
      chunks: [Buffer.from('partial')],
      trailers: { 'Lambda-Runtime-Function-Error-Type': 'Function.Boom' },
    });
    const report = await served;
    expect(report.errors).toBe(1);
    expect(report.firstError).toBe('stream failed: Function.Boom');
  });

  it('rejects the waiting plan when the runtime posts an init error', async () => {
    await api.reset();
    const served = expect(api.serve({ tag: 'cold', count: 1, eventSize: 1024 })).rejects.toThrow(/init error: .*Runtime\.ImportModuleError/);
    const posted = await http('POST', 'init/error', { body: '{"errorType":"Runtime.ImportModuleError","errorMessage":"no module"}' });
    expect(posted.status).toBe(202);
    await served;
  });

  it('answers unknown routes with 404 naming the route', async () => {
    const res = await http('GET', 'invocation/nope');
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('GET /2018-06-01/runtime/invocation/nope');
  });
});
