import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

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

  it('explains a missing or malformed AWS_LAMBDA_RUNTIME_API', () => {
    expect(() => readConfig({}, '/')).toThrow(/AWS_LAMBDA_RUNTIME_API is not set.*thaw invoke/);
    expect(() => readConfig({ AWS_LAMBDA_RUNTIME_API: 'host:99999' }, '/')).toThrow(/must be "host:port".*got "host:99999"/);
  });
});
