import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_LEVELS } from './levels.js';
import { createLogger, type LogScope, type LoggerOptions } from './logger.js';
import { decodeFrames } from './telemetry-frame.js';

// The logger writes to a real file descriptor; a temp file stands in for stdout / the fd.
let dir: string;
let files: Record<string, number>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'thaw-logger-'));
  files = {};
});
afterEach(() => {
  for (const fd of Object.values(files)) closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});
const open = (name: string) => (files[name] = openSync(join(dir, name), 'w+'));
const read = (name: string) => readFileSync(join(dir, name));

const NOW = Date.parse('2024-05-06T07:08:09.010Z');
function logger(options: Partial<LoggerOptions> & { fd: number }, scope?: LogScope) {
  return createLogger({ format: 'Text', minLevel: LOG_LEVELS.TRACE, framed: false, scope: () => scope, now: () => NOW, ...options });
}

describe('logger to stdout', () => {
  it('writes one Text line per entry with "-" outside an invocation', () => {
    const fd = open('out');
    logger({ fd }).log(LOG_LEVELS.INFO, ['first']);
    logger({ fd }, { requestId: 'abc' }).log(LOG_LEVELS.WARN, ['second']);
    expect(read('out').toString()).toBe('2024-05-06T07:08:09.010Z\t-\tINFO\tfirst\n2024-05-06T07:08:09.010Z\tabc\tWARN\tsecond\n');
  });

  it('folds a multi-line message into one line', () => {
    const fd = open('out');
    logger({ fd }, { requestId: 'abc' }).log(LOG_LEVELS.ERROR, ['line 1\nline 2\r\nline 3']);
    const text = read('out').toString();
    // Only LF becomes CR, as in the official client: CRLF becomes CR CR.
    expect(text.split('\n')).toEqual(['2024-05-06T07:08:09.010Z\tabc\tERROR\tline 1\rline 2\r\rline 3', '']);
  });

  it('cannot be tricked into a forged entry by a newline in the message', () => {
    const fd = open('out');
    logger({ fd }, { requestId: 'real' }).log(LOG_LEVELS.INFO, ['ok\n2024-05-06T07:08:09.010Z\tforged\tINFO\tadmin logged in']);
    expect(read('out').toString().trimEnd().split('\n')).toHaveLength(1);
  });

  it('writes JSON entries with the tenant id', () => {
    const fd = open('out');
    logger({ fd, format: 'JSON' }, { requestId: 'r1', tenantId: 't1' }).log(LOG_LEVELS.DEBUG, [{ a: 1 }]);
    expect(JSON.parse(read('out').toString())).toEqual({
      timestamp: '2024-05-06T07:08:09.010Z',
      level: 'DEBUG',
      requestId: 'r1',
      tenantId: 't1',
      message: { a: 1 },
    });
  });

  it('reports which levels pass the filter', () => {
    const log = logger({ fd: open('out'), minLevel: LOG_LEVELS.WARN });
    expect(Object.values(LOG_LEVELS).filter((level) => log.enabled(level)).map((l) => l.name)).toEqual(['WARN', 'ERROR', 'FATAL']);
  });

  it('swallows a write failure instead of throwing into the handler', () => {
    const fd = open('out');
    closeSync(fd);
    delete files['out'];
    expect(() => logger({ fd }).log(LOG_LEVELS.INFO, ['lost'])).not.toThrow();
  });
});

describe('logger to the telemetry fd', () => {
  it('writes Text frames that keep newlines (the frame is the entry)', () => {
    const fd = open('telemetry');
    logger({ fd, framed: true }, { requestId: 'r' }).log(LOG_LEVELS.INFO, ['a\nb']);
    const [frame] = decodeFrames(read('telemetry'));
    expect(frame?.type).toBe((0xa55a0003 | 12) >>> 0);
    expect(frame?.timestampMicros).toBe(BigInt(NOW) * 1000n);
    expect(frame?.payload).toBe('2024-05-06T07:08:09.010Z\tr\tINFO\ta\nb\n');
  });

  it('writes JSON frames without a trailing newline', () => {
    const fd = open('telemetry');
    logger({ fd, framed: true, format: 'JSON' }, { requestId: 'r' }).log(LOG_LEVELS.FATAL, ['boom']);
    const [frame] = decodeFrames(read('telemetry'));
    expect(frame?.type).toBe((0xa55a0002 | 24) >>> 0);
    expect(JSON.parse(frame?.payload ?? '')).toMatchObject({ level: 'FATAL', message: 'boom', requestId: 'r' });
  });

  it('falls back to the fallback fd with a warning when the telemetry fd fails', () => {
    const bad = 987_654; // never open in this process (a closed fd number could be reused)
    const fallbackFd = open('out');
    const log = logger({ fd: bad, framed: true, fallbackFd }, { requestId: 'r' });
    log.log(LOG_LEVELS.INFO, ['kept']);
    log.log(LOG_LEVELS.INFO, ['also kept']);
    const lines = read('out').toString().trimEnd().split('\n');
    expect(lines[0]).toMatch(/\tWARN\tThe telemetry log fd failed \(EBADF\)/);
    expect(lines.slice(1)).toEqual(['2024-05-06T07:08:09.010Z\tr\tINFO\tkept', '2024-05-06T07:08:09.010Z\tr\tINFO\talso kept']);
  });
});
