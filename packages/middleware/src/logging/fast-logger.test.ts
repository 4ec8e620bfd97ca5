// The fast path must print exactly what Powertools prints. Each case runs the same calls on
// a plain Powertools Logger and on one with the fast path, with the clock frozen, and
// compares the raw output byte for byte (and which stream it went to).
import { Logger } from '@aws-lambda-powertools/logger';
import fc from 'fast-check';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearSecrets, registerSecret } from '../redaction/registry.js';
import { installFastPath } from './fast-logger.js';

type Options = ConstructorParameters<typeof Logger>[0];
type Written = Array<[stream: 'out' | 'err', text: string]>;

function capture(): { written: Written; restore(): void } {
  const written: Written = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(['out', String(chunk)]), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(['err', String(chunk)]), true));
  return { written, restore: () => (out.mockRestore(), err.mockRestore()) };
}

function context(requestId: string, tenantId?: string): Context {
  return {
    awsRequestId: requestId, functionName: 'orders', functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders', memoryLimitInMB: '512',
    logGroupName: 'g', logStreamName: 's', callbackWaitsForEmptyEventLoop: true, ...(tenantId ? { tenantId } : {}),
    getRemainingTimeInMillis: () => 1000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  } as Context;
}

/** Runs `act` on a Powertools Logger and on a fast one; returns both outputs and whether Powertools' path ran. */
function run(options: Options, act: (logger: Logger) => void): { reference: Written; fast: Written; slowCalls: number; off: string | undefined } {
  const reference = new Logger(options);
  const fast = new Logger(options);
  const off = installFastPath(fast, false);
  const slow = vi.spyOn(fast as unknown as { processLogItem: () => void }, 'processLogItem');
  const trace = process.env._X_AMZN_TRACE_ID;
  const one = capture();
  try {
    act(reference);
  } finally {
    one.restore();
  }
  process.env._X_AMZN_TRACE_ID = trace;
  const two = capture();
  try {
    act(fast);
  } finally {
    two.restore();
  }
  return { reference: one.written, fast: two.written, slowCalls: slow.mock.calls.length, off };
}

// Created once, so both Loggers print the same stack.
const declined = Object.assign(new TypeError('card declined', { cause: new Error('gateway said no') }), { code: 'E42', retryable: false });
const withPlainCause = Object.assign(new Error('outer'), { cause: { reason: 'plain object' } });
const deep = new Error('deep');
const nope = new TypeError('nope');

const savedEnv = { ...process.env };
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-28T10:11:12.345Z'));
  process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  delete process.env.POWERTOOLS_DEV;
  delete process.env.AWS_LAMBDA_LOG_LEVEL;
  delete process.env.POWERTOOLS_LOG_LEVEL;
  delete process.env.TZ;
});
afterEach(() => {
  vi.useRealTimers();
  process.env = { ...savedEnv };
  clearSecrets();
});

describe('fast path: the same bytes as Powertools', () => {
  const fastCases: Array<[string, Options, (logger: Logger) => void]> = [
    ['a plain message with and without context', { serviceName: 'orders' }, (l) => {
      l.info('before any context');
      l.addContext(context('req-1', 'tenant-a'));
      l.info('with context');
    }],
    ['every level at DEBUG, to the same streams', { serviceName: 'orders', logLevel: 'DEBUG' }, (l) => {
      l.addContext(context('req-2'));
      l.debug('d', { step: 1 });
      l.info('i');
      l.warn('w', 'an extra string');
      l.error('e', declined);
      l.critical('c', { nested: { deep: [1, { two: 2 }], at: new Date(0) } });
    }],
    ['levels below the threshold print nothing', { serviceName: 'orders', logLevel: 'WARN' }, (l) => {
      l.debug('no');
      l.info('no');
      l.warn('yes');
    }],
    ['object input, extras merged in order, empty values dropped', { serviceName: 'orders', persistentKeys: { team: 'pay', region: 'eu' } }, (l) => {
      l.addContext(context('req-3'));
      // null and undefined extras are skipped by Powertools at runtime (its types do not allow them).
      const extras = [{ c: null, d: undefined, e: [1, 2] }, { a: 'overridden' }, null, undefined] as unknown as Array<Record<string, unknown>>;
      l.info({ message: 'object input', a: 1, b: '' }, ...extras);
      l.info({ message: 'only keys' });
      l.info({ a: 1 } as unknown as string);
    }],
    ['temporary and persistent keys, added, overridden, removed and reset', { serviceName: 'orders', persistentKeys: { team: 'pay' } }, (l) => {
      l.appendKeys({ correlation_id: 'c-1', team: 'temp-team' });
      l.info('temp overrides persistent');
      l.appendPersistentKeys({ version: 3, nested: { a: 1 } });
      l.appendPersistentKeys({ nested: { b: 2 } });
      l.info('persistent merged');
      l.removeKeys(['team']);
      l.info('temp team removed');
      l.appendKeys({ team: 'again' });
      l.removePersistentKeys(['version']);
      l.info('persistent version removed');
      l.resetKeys();
      l.info('after reset');
      l.setPersistentLogAttributes({ only: 'this' });
      l.addPersistentLogAttributes({ plus: 'that' });
      l.info('replaced persistent keys');
    }],
    ['correlation id set through the Logger', { serviceName: 'orders', correlationIdSearchFn: (_path: string, event: any) => event?.headers?.id }, (l) => {
      l.setCorrelationId({ headers: { id: 'abc' } }, 'headers.id');
      l.info('with correlation');
      l.setCorrelationId('direct');
      l.info('direct correlation');
    }],
    ['a changed log level and a changed trace id', { serviceName: 'orders' }, (l) => {
      l.debug('hidden');
      l.setLogLevel('DEBUG');
      l.debug('shown');
      process.env._X_AMZN_TRACE_ID = 'Root=1-00000000-111111111111111111111111';
      l.info('new trace');
      process.env._X_AMZN_TRACE_ID = '';
      l.info('no trace');
      process.env._X_AMZN_TRACE_ID = 'just-an-id';
      l.info('bare trace id');
    }],
    ['a sample rate', { serviceName: 'orders', sampleRateValue: 0.5 }, (l) => l.info('sampled?')],
    ['an error with a non-Error cause and a string thrown', { serviceName: 'orders' }, (l) => {
      l.error('failed', withPlainCause);
      l.error({ message: 'object with error', error: 'just a string' });
    }],
    ['unicode and characters JSON escapes', { serviceName: 'orders' }, (l) => l.info('quote " backslash \\ newline \n emoji 🍕 \u2028', { 'key "x"': 'tab\t' })],
  ];

  for (const [name, options, act] of fastCases) {
    it(name, () => {
      const result = run(options, act);
      expect(result.off).toBeUndefined();
      expect(result.fast).toEqual(result.reference);
      expect(result.reference.length).toBeGreaterThan(0);
      expect(result.slowCalls).toBe(0);
    });
  }

  it('AWS_LAMBDA_LOG_LEVEL wins over the configured level on both paths', () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'ERROR';
    const result = run({ serviceName: 'orders', logLevel: 'DEBUG' }, (l) => {
      l.info('hidden by ALC');
      l.error('shown');
    });
    expect(result.fast).toEqual(result.reference);
    expect(result.fast.filter(([, text]) => text.includes('"shown"'))).toHaveLength(1);
    expect(result.fast.some(([, text]) => text.includes('hidden by ALC'))).toBe(false);
  });

  it('lines built field by field (line-text.ts) or as an object: the same bytes, keys in the same order', () => {
    const lines = (l: Logger) => {
      l.addContext(context('req-9', 'tenant-z'));
      // Attributes named like a standard field replace it in place, or remove it when empty.
      l.info('standard names', { function_name: 'mine', cold_start: '', tenant_id: null, xray_trace_id: undefined });
      // Array-index keys print first; empty values and functions are dropped.
      l.info('index keys', { b: 1, 10: 'ten', 2: 'two', empty: '', none: null, fn: () => 1 });
      // The merge leaves out __proto__ and constructor, at the top and below.
      l.info('skipped keys', JSON.parse('{"__proto__":{"x":1},"constructor":"c","deep":{"constructor":1,"ok":[{"__proto__":2}]}}'));
      l.info('nested skipped keys', JSON.parse('{"deep":{"constructor":1,"ok":[{"__proto__":2}]}}'));
      // Inputs Powertools' types do not allow, but JavaScript callers can pass.
      const loose = l as unknown as { info(...input: unknown[]): void; warn(...input: unknown[]): void };
      loose.info({ message: { structured: ['message', null, ''] }, attr: [1, undefined, , 3] });
      l.info({ message: '', only: 'attributes' });
      loose.warn('with error', nope, { after: true }, 'extra text');
    };
    const result = run({ serviceName: 'orders', persistentKeys: { team: 'pay' } }, lines);
    expect(result.off).toBeUndefined();
    expect(result.reference).toHaveLength(7);
    expect(result.fast).toEqual(result.reference);
  });

  it('a context field that is not a string, number or boolean takes the object path', () => {
    const result = run({ serviceName: 'orders' }, (l) => {
      l.addContext({ ...context('req-3'), memoryLimitInMB: 512n } as unknown as Context);
      l.info('odd context');
    });
    expect(result.fast).toEqual(result.reference);
    expect(result.fast[0]![1]).toContain('"function_memory_size":"512"');
  });

  it('attributes that change the line as a whole: an inherited __proto__, a top-level toJSON, getters read once', () => {
    const result = run({ serviceName: 'orders' }, (l) => {
      l.info('hi', JSON.parse('{"__proto__":{"injected":true},"a":1}'));
      l.info(JSON.parse('{"message":"m","__proto__":{"injected":true}}'));
      l.info('replaced', { toJSON: () => ({ replaced: 1 }) });
      let reads = 0;
      l.info('getter', { o: { get x() { return ++reads; } } });
    });
    expect(result.reference).toHaveLength(4);
    expect(result.fast).toEqual(result.reference);
    expect(result.fast.some(([, text]) => text.includes('injected'))).toBe(false);
    expect(result.fast[3]![1]).toContain('"o":{"x":1}');
  });

  it('any attributes print as Powertools prints them (generated)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('function_name', 'cold_start', 'tenant_id', '0', '12', 'constructor', 'error', 'extra'));
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(undefined, '', null, -0, Number.NaN, new Date(0), new Date(Number.NaN), () => 1),
      fc.array(fc.option(fc.integer(), { nil: undefined }), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })), (attributes, message) => {
        const result = run({ serviceName: 'orders' }, (l) => {
          l.addContext(context('req-1'));
          l.info('generated', attributes);
          (l as unknown as { info(input: unknown): void }).info({ ...attributes, message });
        });
        expect(result.fast).toEqual(result.reference);
      }),
      { numRuns: 300 },
    );
  });

  it('a time zone other than UTC prints the same offset timestamps', () => {
    process.env.TZ = 'Asia/Tokyo';
    const result = run({ serviceName: 'orders' }, (l) => l.info('in Tokyo'));
    expect(result.fast).toEqual(result.reference);
    // Powertools' own zone formatting (local digits), not toISOString.
    expect(result.fast[0]![1]).toContain('"timestamp":"2026-11-28T19:11:12.345');
  });
});

describe('fast path: what it hands back to Powertools', () => {
  const slowCases: Array<[string, (logger: Logger) => void]> = [
    ['an Error below the top level', (l) => l.info('nested error', { detail: { failure: deep } })],
    ['a BigInt', (l) => l.info('big', { amount: 10n ** 20n })],
    ['a circular reference through a class instance', (l) => {
      class Node { self?: Node; name = 'n'; }
      const node = new Node();
      node.self = node;
      l.info('cycle', { node });
    }],
    ['a reserved key (Powertools warns and drops it)', (l) => l.info('reserved', { level: 'mine', ok: 1 })],
    ['a custom toJSON', (l) => l.info('buffer', { bytes: Buffer.from('hi') })],
    ['TRACE', (l) => (l.setLogLevel('TRACE'), l.trace('trace line'))],
  ];
  for (const [name, act] of slowCases) {
    it(`${name}: Powertools prints it, unchanged`, () => {
      const result = run({ serviceName: 'orders' }, act);
      expect(result.fast).toEqual(result.reference);
      expect(result.reference.length).toBeGreaterThan(0);
      if (name !== 'TRACE') expect(result.slowCalls).toBeGreaterThan(0);
    });
  }

  it('is off, with the reason, for settings it does not reproduce', () => {
    expect(installFastPath(new Logger({ jsonReplacerFn: (_k, v) => v }), false)).toMatch(/replacer/);
    expect(installFastPath(new Logger({ logRecordOrder: ['message', 'level'] }), false)).toMatch(/formatter|logRecordOrder/);
    class Custom extends Logger {}
    expect(installFastPath(new Custom(), false)).toMatch(/subclass/);
    process.env.POWERTOOLS_DEV = 'true';
    expect(installFastPath(new Logger(), false)).toMatch(/POWERTOOLS_DEV/);
  });

  it('with log buffering, buffered levels and error flushes go through Powertools, the rest is fast', () => {
    const options: Options = { serviceName: 'orders', logLevel: 'DEBUG', logBufferOptions: { enabled: true, bufferAtVerbosity: 'DEBUG' } };
    const result = run(options, (l) => {
      l.debug('buffered');
      l.info('printed now');
      l.error('flushes the buffer first');
    });
    expect(result.off).toBeUndefined();
    expect(result.fast).toEqual(result.reference);
    expect(result.fast.map(([, text]) => JSON.parse(text).message)).toEqual(['printed now', 'buffered', 'flushes the buffer first']);
  });

  it('redacts registered secrets from fast lines', () => {
    registerSecret('s3cr3t-value');
    const logger = new Logger({ serviceName: 'orders' });
    installFastPath(logger, true);
    const out = capture();
    try {
      logger.info('token s3cr3t-value', { token: 's3cr3t-value' });
    } finally {
      out.restore();
    }
    expect(out.written).toHaveLength(1);
    expect(out.written[0]![1]).not.toContain('s3cr3t-value');
    expect(JSON.parse(out.written[0]![1])).toMatchObject({ message: 'token [redacted]', token: '[redacted]' });
  });
});
