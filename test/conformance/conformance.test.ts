// Runs every case under cases/ (format: README.md) with the real bootstrap against the
// real emulator, and checks the caller's result, the Runtime API traffic and the logs.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@thaw/emulator';
import { describe, expect, it } from 'vitest';
import type { CaseFile, CaseInvocation, TrafficExpectation } from './case-file.js';
import { escapeRegex, mismatch } from './match.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const bootstrap = join(here, '..', '..', 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');
const only = process.env['CASE'];

// CONFORMANCE_RUNTIME=official runs the same cases against the official client
// (aws-lambda-ric, installed by bench/runtime/official.mjs into bench/.official) instead of
// our bootstrap, to find where the cases pin behaviour that differs from the official
// client. Unset (the default), the suite runs our bootstrap as before. The official client
// reads _HANDLER and the rest from the environment, like ours, and needs Node 22+: run
// vitest itself on that Node so the runtime and AWS_EXECUTION_ENV (set by the emulator from
// the Node that runs it) agree.
const officialEntry = join(here, '..', '..', 'bench', '.official', 'node_modules', 'aws-lambda-ric', 'index.mjs');
const runtimeEntry = process.env['CONFORMANCE_RUNTIME'] === 'official' ? officialEntry : bootstrap;
if (runtimeEntry === officialEntry && Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`CONFORMANCE_RUNTIME=official needs vitest on Node 22+ (the official client does), not ${process.version}`);
}

interface Traffic {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const caseNames = readdirSync(casesDir)
  .filter((name) => statSync(join(casesDir, name)).isDirectory())
  .filter((name) => only === undefined || name.includes(only))
  .sort();

/** Copies the case to a fresh task root, turning `_node_modules` into `node_modules`. */
function prepareTaskRoot(name: string, functionFrom: string = name): string {
  const root = mkdtempSync(join(tmpdir(), `thaw-case-${name}-`));
  cpSync(join(casesDir, functionFrom), root, { recursive: true });
  const rename = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(directory, entry.name);
      if (entry.name === '_node_modules') {
        renameSync(path, join(directory, 'node_modules'));
        rename(join(directory, 'node_modules'));
      } else rename(path);
    }
  };
  rename(root);
  return root;
}

function eventOf(invocation: CaseInvocation): unknown {
  if (invocation.eventBase64 !== undefined) return Buffer.from(invocation.eventBase64, 'base64');
  if (invocation.eventText !== undefined) return invocation.eventText;
  return invocation.event ?? {};
}

function substitute(text: string, requestId: string, regex: boolean): string {
  return text.replaceAll('{requestId}', regex ? escapeRegex(requestId) : requestId);
}

function checkTraffic(expected: TrafficExpectation[], actual: Traffic[], requestId: string, where: string): void {
  const requests = actual.filter((entry) => !(entry.method === 'GET' && entry.path.endsWith('/invocation/next')));
  const summary = requests.map((entry) => `${entry.method} ${entry.path} -> ${entry.status}`).join('; ');
  expect(requests.length, `${where}: traffic was [${summary}]`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = requests[i]!;
    const label = `${where} traffic[${i}] (${got.method} ${got.path})`;
    if (want.method !== undefined) expect(got.method, label).toBe(want.method);
    if (want.path !== undefined) expect(got.path, label).toBe(substitute(want.path, requestId, false));
    if (want.status !== undefined) expect(got.status, label).toBe(want.status);
    if (want.headers !== undefined) expect(mismatch(want.headers, got.headers), label).toBeUndefined();
    if (want.json !== undefined) {
      let body: unknown;
      try {
        body = JSON.parse(got.body.toString('utf8'));
      } catch {
        body = `(not JSON: ${got.body.toString('utf8', 0, 200)})`;
      }
      expect(mismatch(want.json, body), label).toBeUndefined();
    }
    if (want.text !== undefined) expect(got.body.toString('utf8'), label).toBe(want.text);
    if (want.bytes !== undefined) expect(got.body.length, label).toBe(want.bytes);
  });
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

describe('runtime conformance', () => {
  it('has cases', () => {
    expect(caseNames.length).toBeGreaterThan(0);
  });

  for (const name of caseNames) {
    const spec = JSON.parse(readFileSync(join(casesDir, name, 'case.json'), 'utf8')) as CaseFile;
    // A case pinned to other Node.js versions has a counterpart case for this one.
    const applies = nodeMajor >= (spec.node?.min ?? 0) && nodeMajor <= (spec.node?.max ?? Infinity);
    it.skipIf(!applies)(`${name}: ${spec.description}`, async () => {
      const taskRoot = prepareTaskRoot(name, spec.functionFrom);
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(spec.env ?? {})) env[key] = value.replaceAll('{taskRoot}', taskRoot);
      const emu = await startEmulator({
        // `env -u` removes variables the emulator sets, to test the runtime's defaults.
        command: spec.unsetEnv?.length ? ['env', ...spec.unsetEnv.flatMap((name) => ['-u', name]), process.execPath, runtimeEntry] : [process.execPath, runtimeEntry],
        handler: spec.handler ?? 'index.handler',
        taskRoot,
        env,
        timeoutSeconds: 10,
        ...spec.emulator,
      });
      try {
        const run = (invocation: CaseInvocation) => emu.invoke(eventOf(invocation), invocation.options ?? {});
        const results = spec.parallel ? await Promise.all(spec.invocations.map(run)) : [];
        if (!spec.parallel) for (const invocation of spec.invocations) results.push(await run(invocation));
        spec.invocations.forEach((invocation, index) => {
          const result = results[index]!;
          const want = invocation.expect;
          const where = `${name} invocation ${index}`;
          const context = `${where}: ${JSON.stringify({ status: result.status, error: result.error, payload: result.payload.toString('utf8').slice(0, 500), logs: result.logs })}`;
          if (want.status !== undefined) expect(result.status, context).toBe(want.status);
          if (want.cold !== undefined) expect(result.cold, context).toBe(want.cold);
          if (want.response !== undefined) expect(mismatch(want.response, result.response), context).toBeUndefined();
          if (typeof want.payloadText === 'string') expect(result.payload.toString('utf8'), context).toBe(want.payloadText);
          else if (want.payloadText !== undefined) expect(mismatch(want.payloadText, result.payload.toString('utf8')), context).toBeUndefined();
          if (want.error !== undefined) expect(mismatch(want.error, result.error), context).toBeUndefined();
          if (want.errorTypeHeader !== undefined) expect(mismatch(want.errorTypeHeader, result.errorTypeHeader), context).toBeUndefined();
          if (want.xrayCause !== undefined) expect(mismatch(want.xrayCause, result.xrayCause), context).toBeUndefined();
          if (want.traffic !== undefined) checkTraffic(want.traffic, result.traffic as Traffic[], result.requestId, where);
          if (want.logs !== undefined) {
            let from = 0;
            for (const pattern of want.logs) {
              const regex = new RegExp(substitute(pattern, result.requestId, true));
              const at = result.logs.findIndex((line, i) => i >= from && regex.test(line));
              expect(at, `${context}\nno log line (after line ${from}) matches ${regex}`).toBeGreaterThanOrEqual(0);
              from = at + 1;
            }
          }
          if (want.logsExactly !== undefined) expect(result.logs.length, context).toBe(want.logsExactly);
          for (const pattern of want.noLogs ?? []) {
            const regex = new RegExp(substitute(pattern, result.requestId, true));
            expect(result.logs.filter((line) => regex.test(line)), context).toEqual([]);
          }
        });
        if (spec.initTraffic !== undefined) checkTraffic(spec.initTraffic, emu.initTraffic() as Traffic[], '', `${name} init`);
      } finally {
        await emu.close();
        rmSync(taskRoot, { recursive: true, force: true });
      }
    });
  }
});
