import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeTelemetryFd } from './telemetry-fd.js';

describe('_LAMBDA_TELEMETRY_LOG_FD', () => {
  it('returns an open fd and removes the variable from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thaw-fd-'));
    const fd = openSync(join(dir, 'frames'), 'w');
    try {
      const env: NodeJS.ProcessEnv = { _LAMBDA_TELEMETRY_LOG_FD: String(fd), OTHER: 'kept' };
      expect(takeTelemetryFd(env)).toEqual({ fd });
      expect(env).toEqual({ OTHER: 'kept' });
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('means stdout when unset', () => {
    expect(takeTelemetryFd({})).toEqual({});
  });

  it('warns about a value that is not a number, and still removes it', () => {
    const env: NodeJS.ProcessEnv = { _LAMBDA_TELEMETRY_LOG_FD: 'three' };
    expect(takeTelemetryFd(env).warning).toMatch(/"three" is not a file descriptor number; writing logs to stdout/);
    expect(env).toEqual({});
  });

  it('takes only one to nine digits (spaces around allowed) as a descriptor number', () => {
    for (const raw of ['3x', '-3', '1e3', '0x3', '1234567890', ' ', '3.0']) {
      expect(takeTelemetryFd({ _LAMBDA_TELEMETRY_LOG_FD: raw }).warning, raw).toMatch(/is not a file descriptor number/);
    }
    for (const raw of [' 987654 ', '987654321']) {
      expect(takeTelemetryFd({ _LAMBDA_TELEMETRY_LOG_FD: raw }).warning, raw).toMatch(/is not an open file descriptor/);
    }
  });

  it('warns about an fd that is not open', () => {
    expect(takeTelemetryFd({ _LAMBDA_TELEMETRY_LOG_FD: '987654' })).toEqual({
      warning: '_LAMBDA_TELEMETRY_LOG_FD 987654 is not an open file descriptor; writing logs to stdout.',
    });
  });
});
