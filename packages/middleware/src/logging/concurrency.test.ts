// AWS_LAMBDA_MAX_CONCURRENCY set: invocations overlap in one process. Powertools keeps its
// per-invocation state in the InvokeStore; with no platform store present (our runtime),
// this package publishes one backed by AsyncLocalStorage and each invocation enters its own.
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

process.env.AWS_LAMBDA_MAX_CONCURRENCY = '4';
process.env.THAW_LIFECYCLE_MARKER = 'off';
delete process.env._X_AMZN_TRACE_ID;
const { rereadConcurrencyForTests } = await import('./invoke-store.js');
rereadConcurrencyForTests();
const { lambda, logging, metrics } = await import('../index.js');

function context(requestId: string): Context {
  return {
    awsRequestId: requestId, functionName: 'orders', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders', memoryLimitInMB: '256',
    logGroupName: 'g', logStreamName: 's', callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 60_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

const lines: Record<string, any>[] = [];
let restore: () => void;
beforeAll(() => {
  const collect = (chunk: unknown) => {
    for (const text of String(chunk).split('\n')) if (text !== '') lines.push(JSON.parse(text));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  restore = () => (out.mockRestore(), err.mockRestore());
});
afterAll(() => {
  restore();
  delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
});

describe('overlapping invocations (AWS_LAMBDA_MAX_CONCURRENCY)', () => {
  it('keeps request id, correlation id and metrics apart in every line', async () => {
    const log = logging({ correlationIdPath: 'orderId' });
    const m = metrics({ namespace: 'Shop', captureColdStart: false });
    const gates = new Map<string, () => void>();
    const handler = lambda(async (event: { orderId: string }) => {
      log.logger.info('received');
      m.metrics.addMetric(`Order_${event.orderId}`, 'Count', 1);
      // Wait until released, so the invocations interleave at this await.
      await new Promise<void>((resolve) => gates.set(event.orderId, resolve));
      log.logger.info('done');
      return event.orderId;
    })
      .use(log)
      .use(m);
    const ids = ['o1', 'o2', 'o3', 'o4'];
    const running = ids.map((id) => handler({ orderId: id }, context(`req-${id}`)));
    await vi.waitFor(() => expect(gates.size).toBe(4));
    for (const id of [...ids].reverse()) gates.get(id)!();
    expect(await Promise.all(running)).toEqual(ids);

    const logLines = lines.filter((l) => !('_aws' in l));
    const emfLines = lines.filter((l) => '_aws' in l);
    expect(logLines).toHaveLength(8);
    for (const line of logLines) {
      expect(line.function_request_id).toBe(`req-${line.correlation_id}`);
    }
    // One invocation (both of its lines) is the cold one.
    const cold = logLines.filter((l) => l.cold_start === true);
    expect(cold).toHaveLength(2);
    expect(new Set(cold.map((l) => l.function_request_id)).size).toBe(1);
    // Each invocation's EMF line holds its own metric only.
    expect(emfLines).toHaveLength(4);
    for (const line of emfLines) {
      const names = line._aws.CloudWatchMetrics[0].Metrics.map((x: { Name: string }) => x.Name);
      expect(names).toHaveLength(1);
    }
    expect(emfLines.map((l) => l._aws.CloudWatchMetrics[0].Metrics[0].Name).sort()).toEqual(ids.map((id) => `Order_${id}`));
  });

  it('published an InvokeStore of its own because the runtime had none', () => {
    const store = (globalThis as { awslambda?: { InvokeStore?: { thaw?: boolean } } }).awslambda?.InvokeStore;
    expect(store?.thaw).toBe(true);
  });
});
