import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redactConsole } from './console.js';
import { redactError } from './errors.js';
import { redactLogger, withRedaction } from './powertools.js';
import { clearSecrets, containsSecret, redact, registerSecret, REDACTED } from './registry.js';

const SECRET = 's3cr3t-"quoted"\\value';

function fakeConsole(): { target: Console; lines: unknown[][] } {
  const lines: unknown[][] = [];
  const write = (...args: unknown[]) => void lines.push(args);
  const target = { log: write, info: write, warn: write, error: write, debug: write, trace: write, dir: write, assert: write } as unknown as Console;
  return { target, lines };
}

function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  // Powertools' own Console sends warn/error to stderr and the rest to stdout.
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    }),
  );
  return { text: () => chunks.join(''), restore: () => spies.forEach((s) => s.mockRestore()) };
}

afterEach(() => clearSecrets());

describe('the secret registry', () => {
  it('replaces raw, JSON-escaped and inspect-escaped forms, longest first', () => {
    registerSecret(SECRET);
    registerSecret('s3cr3t');
    expect(redact(`a ${SECRET} b`)).toBe(`a ${REDACTED} b`);
    expect(redact(JSON.stringify({ v: SECRET }))).toBe(`{"v":"${REDACTED}"}`);
    expect(redact('only s3cr3t here')).toBe(`only ${REDACTED} here`);
    expect(containsSecret('nothing here')).toBe(false);
  });

  it('ignores values too short to redact safely', () => {
    expect(registerSecret('abc')).toBe(false);
    expect(redact('abc')).toBe('abc');
  });
});

describe('redactConsole', () => {
  it('redacts secrets in formatted output, nested objects and errors, and passes clean calls through', () => {
    registerSecret(SECRET);
    const { target, lines } = fakeConsole();
    redactConsole(target);
    redactConsole(target); // idempotent
    const clean = { a: 1 };
    target.log('clean', clean);
    target.log('password is %s', SECRET);
    target.info({ deep: { deeper: { deepest: { value: SECRET } } } });
    target.error(new Error(`failed with ${SECRET}`));
    target.assert(false, SECRET);
    expect(lines[0]).toEqual(['clean', clean]);
    expect(lines[0]![1]).toBe(clean);
    const rest = lines.slice(1).map((args) => args.map(String).join(' '));
    expect(rest).toHaveLength(4);
    for (const line of rest) {
      expect(line).toContain(REDACTED);
      expect(line).not.toContain('s3cr3t');
    }
  });
});

describe('redactError', () => {
  it('rewrites message, stack and causes in place, keeping the error identity', () => {
    registerSecret(SECRET);
    const cause = new Error(`inner ${SECRET}`);
    const error = new TypeError(`outer ${SECRET}`, { cause });
    expect(redactError(error)).toBe(error);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(`outer ${REDACTED}`);
    expect(error.stack).not.toContain('s3cr3t');
    expect(cause.message).toBe(`inner ${REDACTED}`);
  });
});

describe('Powertools Logger', () => {
  it('withRedaction: messages, extra keys, errors and child loggers are redacted', () => {
    registerSecret(SECRET);
    const out = captureOutput();
    try {
      const logger = new Logger(withRedaction({ serviceName: 'svc' }));
      logger.info(`token ${SECRET}`, { extra: { nested: SECRET } });
      logger.error('boom', new Error(`bad ${SECRET}`));
      logger.createChild({ serviceName: 'child' }).warn(SECRET);
    } finally {
      out.restore();
    }
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(JSON.parse(line)).toBeTypeOf('object');
      expect(line).toContain(REDACTED);
      expect(line).not.toContain('s3cr3t');
    }
  });

  it('redactLogger: an existing logger and its children stop printing secrets', () => {
    registerSecret(SECRET);
    const out = captureOutput();
    try {
      const logger = redactLogger(new Logger({ serviceName: 'svc' }));
      logger.info('value', { v: SECRET });
      logger.createChild().info(`child ${SECRET}`);
      logger.info('no secret here');
    } finally {
      out.restore();
    }
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(REDACTED);
    expect(lines[1]).toContain(REDACTED);
    expect(lines[2]).toContain('no secret here');
    expect(out.text()).not.toContain('s3cr3t');
  });
});
