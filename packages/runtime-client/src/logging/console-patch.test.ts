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

  it('routes console.dir and console.assert through the format', () => {
    const { target, entries } = recorder(LOG_LEVELS.TRACE);
    target.dir({ deep: { deeper: { deepest: { hidden: 1 } } } }, { depth: 0 });
    target.assert(true, 'not logged');
    target.assert(false, 'expected %d', 3);
    target.assert(0);
    expect(entries).toEqual([
      ['INFO', ['{ deep: [Object] }']],
      ['ERROR', ['Assertion failed: expected 3']],
      ['ERROR', ['Assertion failed']],
    ]);
  });
});
