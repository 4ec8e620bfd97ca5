// Same inputs, same bytes: every artefact built twice (once in another time zone, from
// another working directory) must have the same sha256.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, thawJson } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-determinism-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function twice(args: (run: string) => string[]): [string, string] {
  const hashes = ['a', 'b'].map((run, i) => {
    const dir = join(work, run);
    mkdirSync(dir, { recursive: true });
    const zip = thawJson<{ zip: { sha256: string; path: string } }>(args(dir), { cwd: dir, env: { TZ: i === 0 ? 'UTC' : 'Pacific/Kiritimati' } }).zip;
    expect(sha(zip.path)).toBe(zip.sha256);
    return zip.sha256;
  });
  return [hashes[0]!, hashes[1]!];
}

describe('deterministic packaging', () => {
  it('thaw build --zip', () => {
    const [first, second] = twice((dir) => ['build', join(fixtures, 'function', 'index.ts'), '--out', join(dir, 'out'), '--zip', join(dir, 'fn.zip'), '--minify']);
    expect(second).toBe(first);
  });

  it('thaw layer node', () => {
    const [first, second] = twice((dir) => ['layer', 'node', '--out', join(dir, 'node.zip')]);
    expect(second).toBe(first);
  });

  it('thaw layer runtime', () => {
    const [first, second] = twice((dir) => ['layer', 'runtime', '--out', join(dir, 'runtime.zip')]);
    expect(second).toBe(first);
  });
});
