import { describe, expect, it } from 'vitest';
import { patchConsole } from './console-patch.js';
import { LOG_LEVELS, type LogLevel } from './levels.js';
import type { Logger } from './logger.js';

// A recording Logger: the real one is covered by logger.test.ts; here only the routing
// from console methods to levels is under test, on a console object of our own.
function recorder(minLevel: LogLevel) {
  const entries: Array<[string, unknown[]]> = [];
  const logger: Logger = {
    enabled: (level) => level.priority >= minLevel.priority,
    log: (level, args) => void entries.push([level.name, [...args]]),
  };
  const target = {} as Console;
  patchConsole(target, logger);
  return { target, entries };
}

describe('console patch', () => {
  it('routes every console method to its level; log is INFO', () => {
    const { target, entries } = recorder(LOG_LEVELS.TRACE);
    target.trace('t');
    target.debug('d');
    target.info('i');
    target.log('l', 1);
    target.warn('w');
    target.error('e');
    target.fatal('f');
    expect(entries).toEqual([
      ['TRACE', ['t']],
      ['DEBUG', ['d']],
      ['INFO', ['i']],
      ['INFO', ['l', 1]],
      ['WARN', ['w']],
      ['ERROR', ['e']],
      ['FATAL', ['f']],
    ]);
  });

  it('drops levels below the minimum', () => {
    const { target, entries } = recorder(LOG_LEVELS.ERROR);
    target.log('no');
    target.warn('no');
    target.debug('no');
    target.error('yes');
    target.fatal('yes');
    expect(entries.map(([level]) => level)).toEqual(['ERROR', 'FATAL']);
  });

  it('logs undefined for a call without arguments, as the official client does', () => {
    const { target, entries } = recorder(LOG_LEVELS.TRACE);
    target.log();
    target.log(undefined);
    expect(entries).toEqual([
      ['INFO', [undefined]],
      ['INFO', [undefined]],
    ]);
  });

  it('leaves console.dir and console.assert to Node (assert then goes through the patched warn)', () => {
    const original = { dir: () => {}, assert: () => {} };
    const target = { ...original } as unknown as Console;
    patchConsole(target, { enabled: () => true, log: () => {} });
    expect(target.dir).toBe(original.dir);
    expect(target.assert).toBe(original.assert);
  });
});
