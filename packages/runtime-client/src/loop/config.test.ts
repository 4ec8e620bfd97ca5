import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableCpus, hostAndPort, readConfig } from './config.js';

describe('readConfig', () => {
  it('reads the platform variables', () => {
    const config = readConfig(
      { AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001', _HANDLER: 'app.run', LAMBDA_TASK_ROOT: '/var/task', AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_LAMBDA_MAX_CONCURRENCY: '8' },
      '/work',
    );
    expect(config).toMatchObject({ host: '127.0.0.1', port: 9001, handler: 'app.run', taskRoot: '/var/task', concurrency: 8, warnings: [] });
    expect(config.info).toEqual({ functionName: 'fn', functionVersion: '$LATEST', memoryLimitInMB: '256', logGroupName: '/aws/lambda/fn', logStreamName: '$LATEST' });
  });

  it('defaults missing function variables instead of crashing', () => {
    const config = readConfig({ AWS_LAMBDA_RUNTIME_API: '[::1]:80' }, '/cwd');
    expect(config).toMatchObject({ host: '::1', port: 80, handler: 'index.handler', taskRoot: '/cwd', concurrency: 1 });
    expect(config.info.functionName).toBe('test_function');
    expect(config.warnings).toEqual(['_HANDLER is not set; using "index.handler".']);
  });

  it('warns about a bad concurrency and falls back to one loop', () => {
    const config = readConfig({ AWS_LAMBDA_RUNTIME_API: 'h:1', _HANDLER: 'a.b', AWS_LAMBDA_MAX_CONCURRENCY: 'lots' }, '/');
    expect(config.concurrency).toBe(1);
    expect(config.warnings[0]).toMatch(/AWS_LAMBDA_MAX_CONCURRENCY must be a whole number .* got "lots"/);
  });

  it('runs callback handlers on Node.js 20 and 22 only, and never on Managed Instances (as the platform)', () => {
    const env = { AWS_LAMBDA_RUNTIME_API: 'h:1', _HANDLER: 'a.b' };
    expect(readConfig(env, '/', '20.20.2').callbackHandlers).toBe(true);
    expect(readConfig(env, '/', '22.23.3').callbackHandlers).toBe(true);
    expect(readConfig(env, '/', '24.21.0')).toMatchObject({ callbackHandlers: false, nodeMajor: 24 });
    expect(readConfig({ ...env, AWS_LAMBDA_MAX_CONCURRENCY: '4' }, '/', '22.23.3').callbackHandlers).toBe(false);
  });

  it('explains a missing or malformed AWS_LAMBDA_RUNTIME_API', () => {
    expect(() => readConfig({}, '/')).toThrow(/AWS_LAMBDA_RUNTIME_API is not set.*thaw invoke/);
    expect(() => readConfig({ AWS_LAMBDA_RUNTIME_API: 'host:99999' }, '/')).toThrow(/must be "host:port".*got "host:99999"/);
  });

  it('parses AWS_LAMBDA_RUNTIME_API by hand exactly as its grammar reads', () => {
    // The grammar, as a regular expression: the oracle for the hand-written parser.
    const grammar = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/;
    const oracle = (text: string) => {
      const match = grammar.exec(text);
      const port = match?.[3] === undefined ? 80 : Number(match[3]);
      return match && port >= 1 && port <= 65535 ? { host: (match[1] ?? match[2])!, port } : undefined;
    };
    const cases = ['h', 'h:1', 'h:65535', 'h:65536', 'h:0', 'h:00080', 'h:000080', 'h:', ':80', 'a:b:c', 'h:8a', '[::1]', '[::1]:9001', '[]:1', '[::1]x', '[::1]:', '[a]b]:1', 'a]:1', 'a[b:1', '[', '', '127.0.0.1:9001'];
    for (const text of cases) expect(hostAndPort(text), text).toEqual(oracle(text));
    const pieces = fc.constantFrom('[', ']', ':', '1', '0', '9', '6', '5', 'a', '.', ' ');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (text) => {
      expect(hostAndPort(text)).toEqual(oracle(text));
    }), { numRuns: 3000 });
  });

  it('reads the worker count and caps it at the concurrency, explaining each adjustment', () => {
    const base = { AWS_LAMBDA_RUNTIME_API: 'h:1', _HANDLER: 'a.b' };
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '8', AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' }, '/')).toMatchObject({ workers: 2, concurrency: 8, managedInstances: true, warnings: [] });
    // One worker thread would do what the main thread does, with an extra heap.
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '8', AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' }, '/').workers).toBe(0);
    const capped = readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '3', AWS_LAMBDA_NODEJS_WORKER_COUNT: '8' }, '/');
    expect(capped.workers).toBe(3);
    expect(capped.warnings[0]).toMatch(/WORKER_COUNT=8 is more than AWS_LAMBDA_MAX_CONCURRENCY=3; starting 3 workers/);
    const ignored = readConfig({ ...base, AWS_LAMBDA_NODEJS_WORKER_COUNT: '4' }, '/');
    expect(ignored).toMatchObject({ workers: 0, managedInstances: false });
    expect(ignored.warnings[0]).toMatch(/WORKER_COUNT=4 is ignored: it applies to Managed Instances/);
    const bad = readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '4', AWS_LAMBDA_NODEJS_WORKER_COUNT: 'many' }, '/', '22.23.3', () => 2);
    expect(bad.workers).toBe(4);
    expect(bad.warnings[0]).toMatch(/must be a whole number from 0 to 1024 \(0 or 1: no worker threads\); got "many"\. Using the default, 8 per CPU\./);
    for (const odd of ['0x10', '1e1', '2.5', '-3']) expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '4', AWS_LAMBDA_NODEJS_WORKER_COUNT: odd }, '/', '22.23.3', () => 1).warnings).toHaveLength(1);
  });

  it("defaults to the platform's 8 worker threads per CPU on Managed Instances, capped at the concurrency", () => {
    const base = { AWS_LAMBDA_RUNTIME_API: 'h:1', _HANDLER: 'a.b' };
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '64' }, '/', '22.23.3', () => 2)).toMatchObject({ workers: 16, warnings: [] });
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '64' }, '/', '22.23.3', () => 16)).toMatchObject({ workers: 64, warnings: [] });
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '3' }, '/', '22.23.3', () => 1)).toMatchObject({ workers: 3, warnings: [] });
    // AWS_LAMBDA_NODEJS_WORKER_COUNT=1 (or 0) keeps every loop on the main thread (one init, one heap).
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '64', AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' }, '/', '22.23.3', () => 2).workers).toBe(0);
    expect(readConfig({ ...base, AWS_LAMBDA_MAX_CONCURRENCY: '64', AWS_LAMBDA_NODEJS_WORKER_COUNT: '0' }, '/', '22.23.3', () => 2)).toMatchObject({ workers: 0, warnings: [] });
    // One invocation at a time: no worker threads, and the CPUs are not even counted.
    expect(readConfig(base, '/', '22.23.3', () => { throw new Error('not counted'); }).workers).toBe(0);
  });

  it('counts the CPUs as a positive whole number', () => {
    const n = availableCpus();
    expect(Number.isInteger(n) && n >= 1).toBe(true);
  });

  it('reads THAW_SHUTDOWN_EXTENSION and warns about values it does not know', () => {
    const base = { AWS_LAMBDA_RUNTIME_API: 'h:1', _HANDLER: 'a.b' };
    expect(readConfig(base, '/').shutdownExtension).toBe('auto');
    expect(readConfig({ ...base, THAW_SHUTDOWN_EXTENSION: '1' }, '/').shutdownExtension).toBe('on');
    expect(readConfig({ ...base, THAW_SHUTDOWN_EXTENSION: 'false' }, '/').shutdownExtension).toBe('off');
    const odd = readConfig({ ...base, THAW_SHUTDOWN_EXTENSION: 'maybe' }, '/');
    expect(odd.shutdownExtension).toBe('auto');
    expect(odd.warnings[0]).toMatch(/THAW_SHUTDOWN_EXTENSION must be 1 or 0; got "maybe"/);
  });
});
