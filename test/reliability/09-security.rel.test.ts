// Security checks: the emulator and the KMS stand-in listen on loopback only; what thaw
// writes (tmp-cache entries, CLI bundles and zips) is not readable or writable by others
// beyond what it must be; no credential or environment value reaches the Runtime API in an
// error payload, however the function fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKms, type InvokeResult, type TrafficRecord } from '@thaw/emulator';
import { openCache } from '@thaw/tmp-cache';
import { afterAll, describe, expect, it } from 'vitest';
import { Capture } from './support/capture.js';
import { recordSection } from './support/figures.js';
import { listeningAddresses } from './support/listening.js';
import { CLI, FIXTURES } from './support/paths.js';
import { leakForms, PLANTED_CREDENTIALS, PLANTED_ENV } from './support/planted.js';
import { startRuntime } from './support/runtime.js';
import { zipEntryModes } from './support/zip-modes.js';

const rows: Array<[string, string | number]> = [];
const checks: Array<[string, boolean]> = [];
const notes: string[] = [];
const PLANTED = { ...PLANTED_CREDENTIALS, ...PLANTED_ENV };
const MODES = [
  'throwError', 'throwString', 'throwObject', 'throwNull', 'withCause', 'httpClientError', 'aggregate', 'hostileGetters',
  'hugeMessage', 'notSerializable', 'circular', 'tooLarge', 'callbackError', 'contextFail', 'uncaught', 'unhandledRejection', 'exit',
];

afterAll(() => {
  recordSection({
    order: '09',
    title: 'Security checks',
    summary: 'Listening addresses read from /proc/net/tcp{,6}; file modes from lstat and from the zips\' central directories (the CLI run under umask 022); error payloads from the emulator\'s record of every Runtime API request (`traffic`, `initTraffic`) while the runtime ran with planted AWS credentials, a database password and an API key in its environment.',
    rows,
    checks,
    notes,
  });
});

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}

/** Names of planted variables whose value (in any encoding) appears in these texts. */
function leakedIn(texts: string[]): string[] {
  return Object.entries(PLANTED)
    .filter(([, value]) => leakForms(value).some((form) => texts.some((text) => text.includes(form))))
    .map(([name]) => name);
}

function recordTexts(records: readonly TrafficRecord[]): string[] {
  return records.flatMap((record) => [record.path, JSON.stringify(record.headers), record.body.toString('latin1')]);
}

describe('security', () => {
  it('the emulator and the KMS stand-in listen on 127.0.0.1 only (defaults)', async () => {
    const runtime = await startRuntime({ captureAs: 'security-listen', taskRoot: join(FIXTURES, 'echo') });
    const kms = await startKms();
    try {
      const emulatorPort = Number(runtime.emulator.runtimeApi.split(':').at(-1));
      const kmsPort = Number(new URL(kms.endpoint).port);
      const emulatorAddresses = listeningAddresses(emulatorPort);
      const kmsAddresses = listeningAddresses(kmsPort);
      rows.push(['emulator listening on', emulatorAddresses.join(', ')], ['KMS stand-in listening on', kmsAddresses.join(', ')]);
      checks.push(['emulator bound to loopback only', emulatorAddresses.length > 0 && emulatorAddresses.every((a) => a === '127.0.0.1')]);
      checks.push(['KMS stand-in bound to loopback only', kmsAddresses.length > 0 && kmsAddresses.every((a) => a === '127.0.0.1')]);
      expect(emulatorAddresses).toEqual(['127.0.0.1']);
      expect(kmsAddresses).toEqual(['127.0.0.1']);
    } finally {
      await kms.close();
      await runtime.close();
    }
  });

  it('tmp-cache: every directory and file it creates is private to its owner', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaw-reliability-modes-'));
    try {
      const cache = openCache({ root });
      await cache.set('buffer', Buffer.from('tenant data'));
      await cache.setStream('stream', async function* () {
        yield Buffer.alloc(64 * 1024, 1);
      });
      await cache.getOrSet('produced', async () => Buffer.from('produced value'));
      const loose: string[] = [];
      let inspected = 0;
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          const stats = lstatSync(path);
          inspected++;
          if ((stats.mode & 0o077) !== 0) loose.push(`${path.slice(root.length)} ${octal(stats.mode)}`);
          if (stats.isDirectory()) walk(path);
        }
      };
      walk(root);
      rows.push(['tmp-cache paths inspected', inspected], ['tmp-cache paths readable or writable by others', loose.length === 0 ? 'none' : loose.join(', ')]);
      checks.push(['tmp-cache files and directories have no group/other permissions', loose.length === 0 && inspected > 3]);
      expect(loose).toEqual([]);
      expect(inspected).toBeGreaterThan(3);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('CLI outputs (thaw build --zip, thaw layer node): not writable by others, zip entries 0644/0755', () => {
    const work = mkdtempSync(join(tmpdir(), 'thaw-reliability-cli-'));
    const capture = new Capture('security-cli');
    try {
      const run = (args: string[]) => {
        // umask 022, the usual default, so that any looser mode is the CLI's own doing.
        const result = spawnSync('/bin/sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, CLI, ...args], { cwd: work, encoding: 'utf8' });
        capture.line(result.stdout);
        capture.line(result.stderr);
        return result;
      };
      const build = run(['build', join(FIXTURES, 'echo', 'index.mjs'), '--out', 'out', '--zip', 'function.zip', '--quiet']);
      const layer = run(['layer', 'node', '--out', 'layer.zip', '--quiet']);
      capture.flush();
      const problems: string[] = [];
      const outputs = ['out', 'out/index.mjs', 'function.zip', 'layer.zip'];
      for (const name of outputs) {
        let mode: number;
        try {
          mode = lstatSync(join(work, name)).mode;
        } catch {
          problems.push(`${name} was not written`);
          continue;
        }
        rows.push([`CLI output ${name}`, octal(mode)]);
        if ((mode & 0o022) !== 0) problems.push(`${name} is ${octal(mode)}`);
      }
      let entries = 0;
      for (const zip of ['function.zip', 'layer.zip']) {
        let modes: Array<{ name: string; mode: number }> = [];
        try {
          modes = zipEntryModes(join(work, zip));
        } catch {
          continue; // reported above as not written
        }
        entries += modes.length;
        const odd = modes.filter(({ mode }) => mode !== 0o644 && mode !== 0o755 && (mode & 0o022) !== 0);
        for (const { name, mode } of odd) problems.push(`${zip}:${name} has mode ${octal(mode)}`);
        rows.push([`${zip} entry modes`, [...new Set(modes.map(({ mode }) => octal(mode)))].join(', ')]);
      }
      if (build.status !== 0) problems.push(`thaw build exited ${build.status}: ${build.stderr.trim().slice(0, 300)}`);
      if (layer.status !== 0) problems.push(`thaw layer node exited ${layer.status}: ${layer.stderr.trim().slice(0, 300)}`);
      rows.push(['zip entries inspected', entries]);
      notes.push(...problems.map((problem) => `CLI: ${problem}`));
      checks.push(['CLI outputs and zip entries not writable by group/others', problems.length === 0]);
      expect(problems).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it(`no credential or environment value in error payloads: ${MODES.length} ways to fail, a stream, an init`, async () => {
    const runtime = await startRuntime({ captureAs: 'security-errors', taskRoot: join(FIXTURES, 'failing'), timeoutSeconds: 10 });
    const streaming = await startRuntime({ captureAs: 'security-errors', taskRoot: join(FIXTURES, 'failing'), handler: 'index.streaming', timeoutSeconds: 10 });
    const init = await startRuntime({ captureAs: 'security-errors', taskRoot: join(FIXTURES, 'failing'), handler: 'init.handler', timeoutSeconds: 10 });
    const results: InvokeResult[] = [];
    const texts: string[] = [];
    const unreported: string[] = [];
    try {
      const planted = await runtime.emulator.invoke({ mode: 'planted' });
      const digest = (value: string) => createHash('sha256').update(value).digest('hex');
      const plantedSeen = JSON.stringify(planted.response) === JSON.stringify({ secretDigest: digest(PLANTED.AWS_SECRET_ACCESS_KEY), passwordDigest: digest(PLANTED.DB_PASSWORD) });
      for (const mode of MODES) {
        const result = await runtime.emulator.invoke({ mode });
        results.push(result);
        if (result.status === 'success' || result.status === 'timeout') unreported.push(`${mode}: ${result.status}`);
      }
      results.push(await streaming.emulator.invoke({}));
      const initResult = await init.emulator.invoke({});
      results.push(initResult);
      texts.push(...recordTexts(init.emulator.initTraffic()));
      for (const result of results) {
        runtime.capture.result(result);
        texts.push(...recordTexts(result.traffic), result.payload.toString('latin1'));
      }
      const errorPosts = results.flatMap((r) => r.traffic).filter((t) => /\/error$/.test(t.path)).length + init.emulator.initTraffic().filter((t) => /\/error$/.test(t.path)).length;
      const leaked = leakedIn(texts);
      rows.push(
        ['planted values present in the runtime environment (seen by the function, as digests)', plantedSeen ? 'yes' : 'no'],
        ['failing invocations', results.length],
        ['outcomes', [...new Set(results.map((r) => `${r.status} ${r.error?.errorType ?? ''}`.trim()))].join(', ')],
        ['/error and /init/error requests scanned', errorPosts],
        ['Runtime API requests scanned (bodies and headers)', texts.length],
        ['planted values found in them', leaked.length === 0 ? 'none' : leaked.join(', ')],
      );
      checks.push(
        ['the planted values really were in the runtime environment', plantedSeen],
        ['every failure reached the caller as an error (none lost, none hung)', unreported.length === 0],
        ['no credential or environment value in any Runtime API request', leaked.length === 0],
      );
      expect(plantedSeen).toBe(true);
      expect(unreported).toEqual([]);
      expect(errorPosts).toBeGreaterThan(MODES.length / 2);
      expect(leaked).toEqual([]);
    } finally {
      await Promise.all([runtime.close(), streaming.close(), init.close()]);
    }
  }, 120_000);
});
