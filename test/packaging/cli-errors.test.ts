// What the user sees when something is wrong: one clear line naming the problem and the fix,
// and the exit code scripts rely on (2 for a bad command line, 1 for a failed build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, thaw } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-packaging-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('thaw build errors', () => {
  it('a missing entry file', () => {
    const run = thaw(['build', 'src/nope.ts'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/entry src\/nope\.ts does not exist or is not a file/);
  });

  it('an import that does not resolve: esbuild message with file:line:column', () => {
    const run = thaw(['build', join(fixtures, 'broken', 'index.ts'), '--out', join(work, 'broken')], { cwd: work });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/esbuild could not bundle .*\(1 error\)/);
    expect(run.stderr).toMatch(/broken\/index\.ts:1:\d+: Could not resolve "\.\/does-not-exist\.js"/);
  });

  it('--json reports the failure as a document too', () => {
    const run = thaw(['build', join(fixtures, 'broken', 'index.ts'), '--out', join(work, 'broken-json'), '--json'], { cwd: work });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { name: 'PackagingError', message: expect.stringMatching(/Could not resolve/) } });
  });

  it('bad options exit 2 and name the option', () => {
    expect(thaw(['build', 'x.ts', '--format', 'umd'], { cwd: work })).toMatchObject({ status: 2, stderr: expect.stringMatching(/--format must be one of esm, cjs, got "umd"/) });
    expect(thaw(['build', 'x.ts', '--target', 'node18'], { cwd: work })).toMatchObject({ status: 2, stderr: expect.stringMatching(/--target must be one of node22, node24/) });
    expect(thaw(['build'], { cwd: work })).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing the entry file/) });
    expect(thaw(['build', 'x.ts', '--runtime', 'provided', '--external-aws-sdk'], { cwd: work }).stderr).toMatch(/custom runtime has no AWS SDK/);
  });
});

describe('thaw layer errors', () => {
  it('names the layer kinds and the allowed values', () => {
    expect(thaw(['layer'], { cwd: work })).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing the layer kind/) });
    expect(thaw(['layer', 'python'], { cwd: work }).stderr).toMatch(/unknown layer kind "python": use node or runtime/);
    expect(thaw(['layer', 'runtime', '--node', '18'], { cwd: work }).stderr).toMatch(/--node must be one of 22, 24, got "18"/);
    expect(thaw(['layer', 'runtime', '--node', '22', '--arch', 'amd64'], { cwd: work }).stderr).toMatch(/--arch must be one of x86_64, arm64/);
    expect(thaw(['layer', 'node', '--node', '22'], { cwd: work }).stderr).toMatch(/apply to `thaw layer runtime`/);
  });
});
