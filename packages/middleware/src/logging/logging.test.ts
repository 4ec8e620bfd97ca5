import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambda } from '../engine/lambda.js';
import { clearSecrets, registerSecret } from '../redaction/registry.js';
import { InvalidLoggingOptionError, InvalidPathError } from './errors.js';
import { resetLifecycleForTests } from './lifecycle.js';
import { logging } from './logging-middleware.js';

/** Every line written to stdout/stderr, each checked to be exactly one JSON object. */
function captureLines(): { lines: Record<string, any>[]; restore(): void } {
  const lines: Record<string, any>[] = [];
  const collect = (chunk: unknown) => {
    for (const text of String(chunk).split('\n')) {
      if (text === '') continue;
      const value = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not one JSON object: ${text}`);
      lines.push(value);
    }
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  return { lines, restore: () => (out.mockRestore(), err.mockRestore()) };
}

function context(requestId: string, remainingMs = 60_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: requestId,
    functionName: 'orders',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/orders',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const scratchDirs: string[] = [];
function scratchMarker(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thaw-logging-'));
  scratchDirs.push(dir);
  return join(dir, 'started');
}

let output: ReturnType<typeof captureLines>;
const savedEnv = { ...process.env };
beforeEach(() => {
  resetLifecycleForTests();
  process.env.THAW_LIFECYCLE_MARKER = 'off';
  process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  output = captureLines();
});
afterEach(() => {
  output.restore();
  process.env = { ...savedEnv };
  clearSecrets();
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('logging()', () => {
  it('adds the Lambda context, cold start and init type to every line of the invocation', async () => {
    const log = logging({ loggerOptions: { serviceName: 'shop' } });
    const handler = lambda(async () => {
      log.logger.info('order placed', { orderId: 7 });
      return 'ok';
    }).use(log);
    await handler({}, context('req-1'));
    await handler({}, context('req-2'));
    const [first, second] = output.lines;
    expect(first).toMatchObject({
      level: 'INFO',
      message: 'order placed',
      service: 'shop',
      cold_start: true,
      function_name: 'orders',
      function_memory_size: '256',
      function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      function_request_id: 'req-1',
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      init_type: 'on-demand',
      orderId: 7,
    });
    expect(second).toMatchObject({ cold_start: false, function_request_id: 'req-2', init_type: 'on-demand' });
  });

  it('reports a provisioned-concurrency init as a cold start, with its init type', async () => {
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'provisioned-concurrency';
    const log = logging();
    await lambda(async () => log.logger.info('hi')).use(log)({}, context('req-pc'));
    expect(output.lines[0]).toMatchObject({ cold_start: true, init_type: 'provisioned-concurrency' });
  });

  it('flags a re-init when an earlier runtime of this environment left its marker', async () => {
    const marker = scratchMarker();
    writeFileSync(marker, String(process.ppid));
    process.env.THAW_LIFECYCLE_MARKER = marker;
    const log = logging();
    const handler = lambda(async () => log.logger.info('hi')).use(log);
    await handler({}, context('after-crash'));
    await handler({}, context('warm'));
    expect(output.lines[0]).toMatchObject({ cold_start: true, reinit: true });
    expect(output.lines[1]).not.toHaveProperty('reinit');
  });

  it('does not flag a first init, and leaves the marker for the next runtime', async () => {
    const marker = scratchMarker();
    process.env.THAW_LIFECYCLE_MARKER = marker;
    const log = logging();
    await lambda(async () => log.logger.info('hi')).use(log)({}, context('first'));
    expect(output.lines[0]).toMatchObject({ cold_start: true });
    expect(output.lines[0]).not.toHaveProperty('reinit');
    resetLifecycleForTests();
    const next = logging();
    await lambda(async () => next.logger.info('hi')).use(next)({}, context('second-runtime'));
    expect(output.lines[1]).toMatchObject({ cold_start: true, reinit: true });
  });

  it('adds the correlation id found by path, and drops it for an invocation without one', async () => {
    const log = logging({ correlationIdPath: 'headers."x-correlation-id" || requestContext.requestId' });
    const handler = lambda(async () => log.logger.info('hi')).use(log);
    await handler({ headers: { 'x-correlation-id': 'corr-1' } }, context('a'));
    await handler({ requestContext: { requestId: 'api-2' } }, context('b'));
    await handler({}, context('c'));
    expect(output.lines.map((l) => l.correlation_id)).toEqual(['corr-1', 'api-2', undefined]);
  });

  it('logs the event with the chosen paths redacted, without changing it', async () => {
    const log = logging({ logEvent: { redactPaths: ['headers.Authorization', 'Records[*].body'] } });
    const event = { headers: { Authorization: 'Bearer abc', Host: 'h' }, Records: [{ body: 'card 4111' }] };
    let seen: unknown;
    await lambda(async (e: typeof event) => (seen = e.headers.Authorization)).use(log)(event, context('ev'));
    expect(output.lines[0]).toMatchObject({
      message: 'Lambda invocation event',
      event: { headers: { Authorization: '[redacted]', Host: 'h' }, Records: [{ body: '[redacted]' }] },
    });
    expect(seen).toBe('Bearer abc');
  });

  it('buffers DEBUG lines and prints them only when the invocation fails, then the error', async () => {
    const log = logging({ bufferDebugLogs: true });
    const handler = lambda(async (event: { fail: boolean }) => {
      log.logger.debug('step 1');
      if (event.fail) throw new TypeError('bad order');
      return 'ok';
    }).use(log);
    await handler({ fail: false }, context('ok'));
    expect(output.lines).toEqual([]);
    await expect(handler({ fail: true }, context('failing'))).rejects.toThrow('bad order');
    // flushOnErrorLog: the buffered line comes out first, then the error it explains.
    expect(output.lines.map((l) => [l.level, l.message])).toEqual([
      ['DEBUG', 'step 1'],
      ['ERROR', 'Invocation failed'],
    ]);
    expect(output.lines.find((l) => l.level === 'DEBUG')).toMatchObject({ message: 'step 1', function_request_id: 'failing' });
    expect(output.lines.find((l) => l.level === 'ERROR')).toMatchObject({
      function_request_id: 'failing',
      error: { name: 'TypeError', message: 'bad order' },
    });
    expect(output.lines).toHaveLength(2);
  });

  it('honours AWS_LAMBDA_LOG_LEVEL over the Logger\'s own level', async () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    const log = logging({ loggerOptions: { logLevel: 'DEBUG' } });
    await lambda(async () => {
      log.logger.info('not shown');
      log.logger.warn('shown');
    }).use(log)({}, context('alc'));
    const messages = output.lines.map((l) => l.message);
    expect(messages).toContain('shown');
    expect(messages).not.toContain('not shown');
  });

  it('samples DEBUG logging with sampleRate', async () => {
    const log = logging({ sampleRate: 1 });
    await lambda(async () => log.logger.debug('sampled')).use(log)({}, context('s'));
    expect(output.lines.some((l) => l.message === 'sampled' && l.sampling_rate === 1)).toBe(true);
  });

  it('redacts registered secrets from every line, also for your own Logger', async () => {
    registerSecret('hunter2-password');
    const log = logging();
    await lambda(async () => log.logger.info('connecting with hunter2-password', { dsn: 'pg://u:hunter2-password@db' })).use(log)({}, context('sec'));
    const text = JSON.stringify(output.lines);
    expect(text).not.toContain('hunter2-password');
    expect(output.lines[0]).toMatchObject({ message: 'connecting with [redacted]', dsn: 'pg://u:[redacted]@db' });
  });

  it('finishes after an early response: the next invocation starts clean', async () => {
    const log = logging({ bufferDebugLogs: true, correlationIdPath: 'id' });
    const handler = lambda(async () => log.logger.info('handled'))
      .use(log)
      .use({ before: (request) => ((request.event as { cached?: boolean }).cached ? 'from cache' : undefined) });
    await expect(handler({ id: 'x', cached: true }, context('early'))).resolves.toBe('from cache');
    await handler({}, context('next'));
    expect(output.lines).toHaveLength(1);
    expect(output.lines[0]).toMatchObject({ message: 'handled', function_request_id: 'next' });
    expect(output.lines[0]).not.toHaveProperty('correlation_id');
  });

  it('warns and flushes the buffer when the deadline margin is reached', async () => {
    const log = logging({ bufferDebugLogs: true });
    const handler = lambda(
      async () => {
        log.logger.debug('waiting on the database');
        await new Promise((resolve) => setTimeout(resolve, 150));
        return 'late';
      },
      { deadline: { marginMs: 50 } },
    ).use(log);
    await handler({}, context('slow', 100));
    const warn = output.lines.find((l) => l.message === 'Invocation is about to time out');
    expect(warn).toMatchObject({ level: 'WARN', function_request_id: 'slow' });
    expect(output.lines.find((l) => l.level === 'DEBUG')).toMatchObject({ message: 'waiting on the database', function_request_id: 'slow' });
  });

  it('rejects options it cannot use, saying what to do', () => {
    expect(() => logging({ sampleRate: 2 })).toThrow(InvalidLoggingOptionError);
    expect(() => logging({ sampleRate: 2 })).toThrow(/from 0 to 1/);
    expect(() => logging({ correlationIdPath: 'a[' })).toThrow(InvalidPathError);
    const mine = logging().logger;
    expect(() => logging({ logger: mine, bufferDebugLogs: true })).toThrow(/Set them on your Logger/);
    expect(() => logging({ bufferDebugLogs: { maxBytes: -1 } })).toThrow(/positive integer/);
    expect(() => logging(null as never)).toThrow(/options object/);
  });
});
