// Property: whatever _HANDLER holds, the runtime either serves the invocation or reports an
// init error of a documented type through /init/error; it never crashes without a report
// and never hangs. One runtime process per run (the handler is read at init).
import { isBuiltin } from 'node:module';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { startRuntime } from './support/runtime.js';
import { isolatedTaskRoot } from './support/task-root.js';

const RUNS = Number(process.env.THAW_FUZZ_HANDLER_RUNS ?? 100);
const INIT_ERROR_TYPES = /^Runtime\.(MalformedHandlerName|ImportModuleError|HandlerNotFound|UserCodeSyntaxError)$/;
const taskRoot = isolatedTaskRoot('handlers');
const outcomes = new Map<string, number>();
const failures: string[] = [];
let runs = 0;

// Hostile and edge-case names, run before the random ones.
const FIXED = [
  'index.handler', 'index.nested.deeper.handler', 'index.default.handler', 'sub/dir/mod.handler', 'sub/dir/mod.throws',
  'index', 'index.', '.handler', '..', '../index.handler', 'sub/../index.handler', '/etc/passwd.handler',
  'index.notAFunction', 'index.nested.value', 'index.__proto__', 'index.constructor', 'index.__proto__.constructor',
  'index.nested.__proto__.toString', 'index.handler.call', 'index.handler.prototype', 'broken.handler',
  'needs-missing.handler', 'no-such-module.handler', 'sub/dir.handler', 'sub/dir/.handler', 'index..handler',
  'index.handler.', 'ïndex.händler', 'index.handler\u2028x', `${'a'.repeat(5000)}.handler`, 'index.' + 'x.'.repeat(2000) + 'y',
  '%2e%2e/index.handler', 'sub\\dir\\mod.handler', ' index.handler', 'index.handler ', 'index.\thandler',
];

/** The module part of a handler string, as the runtime resolves it (up to the first dot of the last segment). */
function modulePart(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

// A handler string naming a Node built-in would call it with (event, context): configuration
// the function owner chooses (`child_process.execSync`), not input to fuzz with.
const usable = (name: string): boolean => name !== '' && !name.includes('\0') && !isBuiltin(modulePart(name));

const segment = fc.oneof(
  fc.constantFrom('index', 'handler', 'sub', 'dir', 'mod', 'broken', 'nested', 'deeper', 'default', '..', '.', '', '__proto__', 'constructor', 'prototype', 'node_modules'),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const handlerName = fc
  .array(fc.tuple(segment, fc.constantFrom('.', '/', '..', '\\', '')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([text, separator]) => text + separator).join(''))
  .filter(usable);

async function check(name: string): Promise<void> {
  runs++;
  const runtime = await startRuntime({ captureAs: 'fuzz-handler', taskRoot: taskRoot.path, handler: name, timeoutSeconds: 10 });
  try {
    const result = await runtime.emulator.invoke({});
    runtime.capture.result(result);
    runtime.capture.traffic(runtime.emulator.initTraffic());
    const type = result.status === 'success' ? 'success' : `${result.status} ${result.error?.errorType ?? ''}`.trim();
    outcomes.set(type, (outcomes.get(type) ?? 0) + 1);
    const reported = result.status === 'init-error' && INIT_ERROR_TYPES.test(result.error?.errorType ?? '');
    // A handler that exists but throws (sub/dir/mod.throws) is an ordinary function error.
    const ok = result.status === 'success' || reported || (result.status === 'error' && typeof result.error?.errorType === 'string');
    if (!ok) failures.push(`${JSON.stringify(name).slice(0, 120)} → ${type}: ${result.payload.toString().slice(0, 200)}`);
    expect(ok, `_HANDLER ${JSON.stringify(name).slice(0, 120)} gave ${type}`).toBe(true);
  } finally {
    await runtime.close();
  }
}

afterAll(() => {
  taskRoot.remove();
  recordSection({
    order: '03',
    title: 'Fuzzing: _HANDLER strings',
    summary: `fast-check, ${RUNS} generated handler strings (segments from the fixture's real names, \`..\`, \`__proto__\`, any text and any bytes, joined by \`.\`, \`/\`, \`..\`, \`\\\`) after ${FIXED.length} fixed hostile ones, each in a fresh runtime process under the emulator (task root copied to an empty temporary directory). Names of Node built-in modules are left out: \`_HANDLER=child_process.execSync\` is configuration, not input.`,
    rows: [['runs', runs], ...[...outcomes.entries()].sort().map(([key, value]): [string, number] => [`outcome: ${key}`, value])],
    checks: [['every run served or reported a documented init error (no crash, no hang)', failures.length === 0]],
    notes: failures.length > 0 ? [`Failures: ${failures.slice(0, 10).join('; ')}`] : [],
  });
});

describe('_HANDLER fuzzing', () => {
  it(`${FIXED.length} fixed hostile handler names`, async () => {
    for (const name of FIXED) await check(name);
  }, 300_000);

  it(`${RUNS} generated handler names: served or a documented init error`, async () => {
    await fc.assert(fc.asyncProperty(handlerName, check), { numRuns: RUNS, endOnFailure: true });
  }, 300_000);
});
