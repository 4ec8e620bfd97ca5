import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambda } from '../engine/lambda.js';
import { initCache } from '../init-cache/init-cache.js';
import { resetLifecycleForTests } from '../logging/lifecycle.js';
import { TMP_CACHE_REGISTRY } from './built-in.js';
import { checkEmfLine, isEmfLine } from './emf-validator.js';
import { InvalidMetricsOptionError } from './errors.js';
import { metrics } from './metrics-middleware.js';

/** EMF lines written to stdout, each validated; anything else written fails the test. */
function captureEmf(): { lines: Record<string, any>[]; other: string[]; restore(): void } {
  const lines: Record<string, any>[] = [];
  const other: string[] = [];
  const collect = (chunk: unknown) => {
    for (const text of String(chunk).split('\n')) {
      if (text === '') continue;
      if (!isEmfLine(text)) {
        other.push(text);
        continue;
      }
      const check = checkEmfLine(text);
      if (!check.ok) throw new Error(`invalid EMF (${check.problems.join('; ')}): ${text}`);
      lines.push(check.value!);
    }
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  return { lines, other, restore: () => (out.mockRestore(), err.mockRestore()) };
}

function context(requestId: string, remainingMs = 60_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: requestId, functionName: 'orders', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders', memoryLimitInMB: '256',
    logGroupName: 'g', logStreamName: 's', callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

const names = (line: Record<string, any>) => line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name);

let output: ReturnType<typeof captureEmf>;
const savedEnv = { ...process.env };
beforeEach(() => {
  resetLifecycleForTests();
  process.env.THAW_LIFECYCLE_MARKER = 'off';
  output = captureEmf();
});
afterEach(() => {
  output.restore();
  process.env = { ...savedEnv };
  delete (globalThis as Record<symbol, unknown>)[TMP_CACHE_REGISTRY];
});

describe('metrics()', () => {
  it('writes a ColdStart line with the init type once, and the invocation\'s metrics after each one', async () => {
    const m = metrics({ namespace: 'Shop', serviceName: 'orders-api' });
    const handler = lambda(async () => void m.metrics.addMetric('OrderPlaced', 'Count', 1)).use(m);
    await handler({}, context('a'));
    await handler({}, context('b'));
    expect(output.lines).toHaveLength(3);
    expect(output.lines[0]).toMatchObject({ ColdStart: 1, function_name: 'orders', service: 'orders-api', init_type: 'on-demand' });
    expect(output.lines[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Shop', Dimensions: [['service', 'function_name']] });
    expect(output.lines.slice(1).map((l) => l.OrderPlaced)).toEqual([1, 1]);
    expect(output.other).toEqual([]);
  });

  it('counts a provisioned-concurrency init as a cold start', async () => {
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'provisioned-concurrency';
    const m = metrics({ namespace: 'Shop' });
    await lambda(async () => 'ok').use(m)({}, context('pc'));
    expect(output.lines[0]).toMatchObject({ ColdStart: 1, init_type: 'provisioned-concurrency' });
  });

  it('takes namespace and service from the environment', async () => {
    process.env.POWERTOOLS_METRICS_NAMESPACE = 'FromEnv';
    process.env.POWERTOOLS_SERVICE_NAME = 'env-service';
    const m = metrics({ captureColdStart: false });
    await lambda(async () => void m.metrics.addMetric('Hit', 'Count', 1)).use(m)({}, context('env'));
    expect(output.lines).toHaveLength(1);
    expect(output.lines[0]).toMatchObject({ service: 'env-service', Hit: 1 });
    expect(output.lines[0]!._aws.CloudWatchMetrics[0].Namespace).toBe('FromEnv');
  });

  it('flushes when the handler throws', async () => {
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    const handler = lambda(async () => {
      m.metrics.addMetric('Attempt', 'Count', 1);
      throw new Error('payment declined');
    }).use(m);
    await expect(handler({}, context('err'))).rejects.toThrow('payment declined');
    expect(output.lines.map((l) => l.Attempt)).toEqual([1]);
  });

  it('flushes after an early response from a later middleware', async () => {
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    const handler = lambda(async () => 'handled')
      .use(m)
      .use({
        before: () => {
          m.metrics.addMetric('CacheAnswer', 'Count', 1);
          return 'cached';
        },
      });
    await expect(handler({}, context('early'))).resolves.toBe('cached');
    expect(output.lines.map((l) => l.CacheAnswer)).toEqual([1]);
  });

  it('writes the metrics of an invocation that reaches its deadline, once', async () => {
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    let linesAtReturn = -1;
    const handler = lambda(
      async () => {
        m.metrics.addMetric('Started', 'Count', 1);
        await new Promise((resolve) => setTimeout(resolve, 150));
        linesAtReturn = output.lines.length;
        return 'late';
      },
      { deadline: { marginMs: 50 } },
    ).use(m);
    await handler({}, context('slow', 100));
    expect(linesAtReturn).toBe(1);
    expect(output.lines.map((l) => l.Started)).toEqual([1]);
  });

  it('writes nothing, not even a warning, for an invocation that recorded no metric', async () => {
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    await lambda(async () => 'quiet').use(m)({}, context('quiet'));
    expect(output.lines).toEqual([]);
    expect(output.other).toEqual([]);
  });

  it('adds built-in metrics: init duration, init-cache hits and misses, tmp-cache counters', async () => {
    const cache = initCache({ table: () => 'orders' }, { name: 'metrics-test' });
    const explicit = { metrics: () => [{ name: 'TmpCacheHits', unit: 'Count' as const, value: 2 }] };
    const registered = { metrics: () => [{ name: 'TmpCacheBytesUsed', unit: 'Bytes' as const, value: 4096 }] };
    (globalThis as Record<symbol, unknown>)[TMP_CACHE_REGISTRY] = new Set([registered]);
    const m = metrics({ namespace: 'Shop', captureColdStart: false, builtIn: true, tmpCaches: [explicit] });
    const handler = lambda(async () => cache.get('table')).use(m);
    await handler({}, context('one'));
    await handler({}, context('two'));
    const [first, second] = output.lines;
    expect(names(first!)).toEqual(expect.arrayContaining(['InitDuration', 'InitCacheHits', 'InitCacheMisses', 'TmpCacheHits', 'TmpCacheBytesUsed']));
    expect(first!.InitDuration).toBeGreaterThan(0);
    expect(first!.TmpCacheBytesUsed).toBe(4096);
    expect(names(second!)).not.toContain('InitDuration');
    expect(second!.InitCacheHits).toBe(1);
    expect(second!.InitCacheMisses).toBe(0);
  });

  it('auto-flushes past 100 metrics so every line stays within the EMF limits', async () => {
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    await lambda(async () => {
      for (let i = 0; i < 150; i++) m.metrics.addMetric(`m${i}`, 'Count', i);
      for (let i = 0; i < 120; i++) m.metrics.addMetric('latency', 'Milliseconds', i);
    }).use(m)({}, context('many'));
    expect(output.lines.length).toBeGreaterThanOrEqual(2);
    const total = output.lines.reduce((sum, l) => sum + names(l).filter((n: string) => n.startsWith('m')).length, 0);
    expect(total).toBe(150);
  });

  it('rejects options it cannot use, saying what to do', () => {
    delete process.env.POWERTOOLS_METRICS_NAMESPACE;
    expect(() => metrics()).toThrow(InvalidMetricsOptionError);
    expect(() => metrics()).toThrow(/POWERTOOLS_METRICS_NAMESPACE/);
    const mine = metrics({ namespace: 'A' }).metrics;
    expect(() => metrics({ metrics: mine, namespace: 'B' })).toThrow(/Set them on your Metrics/);
    expect(() => metrics({ namespace: 'A', builtIn: 'yes' as never })).toThrow(/builtIn/);
    expect(() => metrics({ namespace: 'A', tmpCaches: {} as never })).toThrow(/tmpCaches/);
  });
});
