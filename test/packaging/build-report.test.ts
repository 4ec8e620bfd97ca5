// `thaw build` output: the files Lambda needs, a size report from esbuild's metafile, and the
// AWS SDK warning for managed runtimes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, thaw, thawJson } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface BuildJson {
  files: string[];
  size: { outputBytes: number; contributors: Array<{ name: string; bytes: number }>; awsSdkBytes: number };
  warnings: string[];
}

describe('thaw build', () => {
  it('ESM: index.mjs with a createRequire banner; switching to CJS replaces it with index.js', async () => {
    const out = join(work, 'fn');
    const esm = thawJson<BuildJson>(['build', join(fixtures, 'function', 'index.ts'), '--out', out, '--sourcemap'], { cwd: work });
    expect(esm.files).toEqual(['index.mjs', 'index.mjs.map']);
    expect(readFileSync(join(out, 'index.mjs'), 'utf8')).toMatch(/createRequire/);
    expect(esm.size.contributors[0]).toMatchObject({ name: '(your code)' });
    const mod = await import(join(out, 'index.mjs'));
    expect(await mod.handler({ name: 'esm' }, { awsRequestId: 'r1' })).toMatchObject({ message: 'hello, esm', platform: process.platform });

    const cjs = thawJson<BuildJson>(['build', join(fixtures, 'function', 'index.ts'), '--out', out, '--format', 'cjs'], { cwd: work });
    expect(cjs.files).toEqual(['index.js', 'package.json']);
    expect(existsSync(join(out, 'index.mjs'))).toBe(false);
  });

  it('reports bundled AWS SDK code and warns for a managed runtime; --external-aws-sdk leaves it out', () => {
    // A fake SDK client in a local node_modules: the metafile attributes its bytes to @aws-sdk/client-fake.
    const project = join(work, 'sdk-project');
    const client = join(project, 'node_modules', '@aws-sdk', 'client-fake');
    mkdirSync(client, { recursive: true });
    writeFileSync(join(client, 'package.json'), '{ "name": "@aws-sdk/client-fake", "version": "1.0.0", "main": "index.js" }');
    writeFileSync(join(client, 'index.js'), `exports.big = ${JSON.stringify('x'.repeat(20_000))};\n`);
    writeFileSync(join(project, 'index.mjs'), "import { big } from '@aws-sdk/client-fake';\nexport const handler = async () => big.length;\n");

    const bundled = thawJson<BuildJson>(['build', 'index.mjs'], { cwd: project });
    expect(bundled.size.contributors[0]).toMatchObject({ name: '@aws-sdk/client-fake' });
    expect(bundled.size.awsSdkBytes).toBeGreaterThan(20_000);
    expect(bundled.warnings.join('\n')).toMatch(/AWS SDK is bundled .*@aws-sdk\/client-fake.*--external-aws-sdk/);

    const human = thaw(['build', 'index.mjs'], { cwd: project });
    expect(human.stderr).toMatch(/warning: .* of the AWS SDK is bundled/);
    expect(human.stdout).toMatch(/largest contributors:\n\s+[\d.]+ KB\s+\d+\.\d%\s+@aws-sdk\/client-fake/);

    const external = thawJson<BuildJson>(['build', 'index.mjs', '--external-aws-sdk'], { cwd: project });
    expect(external.size.awsSdkBytes).toBe(0);
    expect(external.warnings).toEqual([]);
    expect(readFileSync(join(project, 'dist', 'lambda', 'index.mjs'), 'utf8')).toMatch(/from "@aws-sdk\/client-fake"/);

    const provided = thawJson<BuildJson>(['build', 'index.mjs', '--runtime', 'provided'], { cwd: project });
    expect(provided.warnings).toEqual([]);
  });

  it('--quiet prints nothing on success', () => {
    const run = thaw(['build', join(fixtures, 'function', 'index.ts'), '--out', join(work, 'quiet'), '--quiet'], { cwd: work });
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});
