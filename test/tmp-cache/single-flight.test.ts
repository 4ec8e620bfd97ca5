import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixture } from './spawn.js';

const PROCESSES = 4;
const CONCURRENCY = 8;
const KEYS = 3;
const root = mkdtempSync(join(tmpdir(), 'tmp-cache-sf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('single-flight getOrSet across processes', () => {
  it(`${PROCESSES} processes x ${CONCURRENCY} concurrent getOrSet on the same keys: each value produced once`, async () => {
    const log = join(root, 'produced.log');
    const go = join(root, 'go');
    writeFileSync(log, '');
    const children = Array.from({ length: PROCESSES }, () =>
      runFixture('single-flight.mjs', [root, log, go, String(KEYS), String(CONCURRENCY)]));
    await Promise.all(children.map((child) => child.waitFor('ready')));
    writeFileSync(go, ''); // all start at once
    const exits = await Promise.all(children.map((child) => child.exited));
    expect(exits.map((exit) => exit.stderr)).toEqual(Array(PROCESSES).fill(''));

    const produced = readFileSync(log, 'utf8').trim().split('\n');
    const perKey = new Map<string, number>();
    for (const line of produced) perKey.set(line.split(' ')[0]!, (perKey.get(line.split(' ')[0]!) ?? 0) + 1);
    expect([...perKey.values()]).toEqual(Array(KEYS).fill(1));

    // Every caller in every process got the one produced value.
    const outputs = children.map((child) => JSON.parse(child.lines.at(-1)!) as { results: string[]; stats: { lockWaits: number } });
    const producerOf = new Map(produced.map((line) => [line.split(' ')[0]!, line.split(' ')[1]!]));
    for (const { results } of outputs) {
      expect(results).toHaveLength(KEYS * CONCURRENCY);
      for (const value of results) {
        const key = value.split(' ')[0]!;
        expect(value).toBe(`${key} produced by ${producerOf.get(key)}`);
      }
    }
    // The others really waited on a lock held by another process.
    expect(outputs.reduce((sum, output) => sum + output.stats.lockWaits, 0)).toBeGreaterThan(0);
  }, 60_000);
});
