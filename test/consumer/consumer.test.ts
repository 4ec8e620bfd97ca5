// The packages as a user gets them: packed tarballs installed with npm into a scratch
// project outside the repository, then used the ways users use them (import, require,
// TypeScript under three module resolutions, an esbuild bundle, the runtime's bin under the
// emulator, the CLI's bin).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarball, packedManifest, publishDryRun, sizes } from './release-check.mjs';
import { PACKAGE_DIRS, prepareScratchProject, type ScratchProject } from './scratch-project.mjs';

const run = promisify(execFile);
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
// Children find `node` on PATH (the bootstrap bin, the CLI's shebang): put this Node first,
// so that on the matrix every process runs the Node under test.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };

let prepared: ScratchProject;
let scratch: string;

beforeAll(() => {
  prepared = prepareScratchProject();
  // A fresh project for this run; its node_modules is the shared, cached install.
  scratch = mkdtempSync(join(tmpdir(), 'thaw-consumer-'));
  symlinkSync(join(prepared.project, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  cpSync(fixtures, scratch, { recursive: true });
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function node(args: string[], cwd = scratch): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe('installed from the tarballs', () => {
  it('imports every package as ESM by its name', async () => {
    const shapes = JSON.parse(await node(['esm-import.mjs']));
    expect(shapes.runtimeClient).toMatchObject({ streamifyResponse: 'function', HttpResponseStream: 'function', currentInvocation: 'function' });
    expect(shapes.middleware).toMatchObject({ lambda: 'function', initCache: 'function', defineEnv: 'function', logging: 'function', metrics: 'function' });
    expect(shapes.tmpCache).toMatchObject({ openCache: 'function', TmpCache: 'function', TmpCacheError: 'function' });
    expect(shapes.emulator).toMatchObject({ startEmulator: 'function', startKms: 'function', EmulatorOptionsError: 'function' });
    // The CLI is a bin; its module entry exists (so `import 'thaw'` does not fail) and is empty.
    expect(shapes.cli).toEqual({});
  });

  it('requires the CommonJS builds with the same exports as the ESM ones', async () => {
    const [esm, cjs] = [JSON.parse(await node(['esm-import.mjs'])), JSON.parse(await node(['cjs-require.cjs']))];
    expect(cjs.middleware).toEqual(esm.middleware);
    expect(cjs.tmpCache).toEqual(esm.tmpCache);
    expect(realpathSync(cjs.bootstrap)).toBe(realpathSync(join(prepared.project, 'node_modules/@thaw/runtime-client/dist/bootstrap.cjs')));
  });

  // One after another: the machine has two cores, and each run is CPU-bound.
  it('loads every entry of every exports map, under each condition it declares', async () => {
    const entries = JSON.parse(await node(['exports-load.mjs'])) as Array<{ specifier: string; import: string; require: string }>;
    const bySpecifier = Object.fromEntries(entries.map(({ specifier, ...rest }) => [specifier, rest]));
    // The dual packages load both ways; the bootstrap entry exists (it is not loaded: it would start a runtime).
    expect(bySpecifier['@thaw/middleware']).toEqual({ import: 'loaded', require: 'loaded' });
    expect(bySpecifier['@thaw/tmp-cache']).toEqual({ import: 'loaded', require: 'loaded' });
    expect(bySpecifier['@thaw/runtime-client/bootstrap']).toEqual({ import: 'resolved', require: 'resolved' });
    // Every other entry (subpaths included) loads under each condition it declares; only the CLI's is empty.
    const failed = entries.filter((e) => e.specifier !== 'thaw' && (e.import === 'empty' || e.require === 'empty'));
    expect(failed).toEqual([]);
  });

  describe('type-checks a consumer of every package', () => {
    const typescript = ['node_modules/typescript/bin/tsc', '--noEmit', '--pretty', 'false', '--strict', '--target', 'es2022', '--types', 'node'];
    const types = (names: string[]) => names.map((name) => join('types', name));
    // skipLibCheck off once, so that the shipped declarations themselves are checked; the
    // other two keep the common default (checking every .d.ts three times costs ~20 s).
    const modes = [
      { mode: 'node16', args: ['--module', 'node16', '--moduleResolution', 'node16', '--skipLibCheck', 'false'], cjs: true },
      { mode: 'nodenext', args: ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'true'], cjs: true },
      { mode: 'bundler', args: ['--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'true'], cjs: false },
    ];
    it.each(modes)('moduleResolution $mode', async ({ args, cjs }) => {
      const esmFiles = types(['middleware.ts', 'tmp-cache.ts', 'runtime-client.ts', 'emulator.ts']);
      const cjsFiles = cjs ? types(['middleware-require.cts', 'tmp-cache-require.cts']) : [];
      const result = await run(process.execPath, [...typescript, ...args, ...esmFiles, ...cjsFiles], { cwd: scratch, env }).catch((error: { stdout: string }) => error);
      expect(result.stdout).toBe('');
    }, 120_000);
  });

  // The two invocations of the bundled function, kept for the known-bug check below.
  let bundled: Array<{ status: string; cold: boolean; response: Record<string, unknown> }> = [];

  it('bundles a function with esbuild and serves it with the installed bootstrap under the installed emulator', async () => {
    const esbuild = (await import(join(prepared.project, 'node_modules/esbuild/lib/main.js'))) as typeof import('esbuild');
    const taskRoot = join(scratch, 'task');
    await esbuild.build({
      entryPoints: [join(scratch, 'function/handler.ts')],
      outfile: join(taskRoot, 'index.mjs'),
      absWorkingDir: scratch,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['@aws-sdk/*'],
      logLevel: 'silent',
    });
    // The bundle alone in a folder with no node_modules above it: it must be self-contained.
    const bundleOnly = mkdtempSync(join(tmpdir(), 'thaw-consumer-task-'));
    try {
      cpSync(join(taskRoot, 'index.mjs'), join(bundleOnly, 'index.mjs'));
      const bin = join(scratch, 'node_modules/.bin/thaw-bootstrap');
      bundled = JSON.parse(await node(['run-function.mjs', bin, bundleOnly, join(bundleOnly, 'cache')]));
      expect(bundled.map(({ response: { sameRequest: _, ...response }, ...rest }) => ({ ...rest, response }))).toEqual([
        { status: 'success', cold: true, response: { greeting: 'hello from init', name: 'first', count: 1, node: process.version } },
        { status: 'success', cold: false, response: { greeting: 'hello from init', name: 'second', count: 2, node: process.version } },
      ]);
    } finally {
      rmSync(bundleOnly, { recursive: true, force: true });
    }
  });

  // The runtime shares its invocation storage through a global symbol, so a function's own
  // copy of @thaw/runtime-client (bundled, or from its node_modules) sees the invocation.
  it('currentInvocation() in a bundled function sees the invocation the runtime entered', () => {
    expect(bundled).toHaveLength(2);
    for (const { response } of bundled) expect(response.sameRequest).toBe(true);
  });

  it('runs `thaw invoke` from the installed CLI, which finds the installed runtime', async () => {
    const functionDir = join(scratch, 'cli-function');
    cpSync(join(fixtures, 'cli-function'), functionDir, { recursive: true });
    const out = await node([join(scratch, 'node_modules/.bin/thaw'), 'invoke', functionDir, '--json', '--times', '2']);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { status: string; cold: boolean; response: unknown });
    expect(lines.map(({ status, cold, response }) => ({ status, cold, response }))).toEqual([
      { status: 'success', cold: true, response: { invocations: 1, node: process.version } },
      { status: 'success', cold: false, response: { invocations: 2, node: process.version } },
    ]);
  });
});

describe('publishable', () => {
  it('packs every package, and only what users need', () => {
    expect(prepared.packs.map((p) => p.name).sort()).toEqual(['@thaw/emulator', '@thaw/middleware', '@thaw/runtime-client', '@thaw/tmp-cache', 'thaw']);
    expect(prepared.packs).toHaveLength(PACKAGE_DIRS.length);
    const problems = prepared.packs.flatMap((pack) => checkTarball(pack, packedManifest(prepared, pack.name)).map((p) => `${pack.name}: ${p}`));
    expect(problems).toEqual([]);
    for (const row of sizes(prepared)) expect(row.packedBytes).toBeGreaterThan(0);
  });

  it('names each way a tarball can be unfit to publish', () => {
    const pack = { name: '@thaw/broken', version: '1.0.0', file: 'broken.tgz', files: ['package.json', 'src/index.ts', 'dist/index.test.js', 'dist/index.js'] };
    const manifest = {
      name: '@thaw/broken',
      exports: { '.': { import: { default: './dist/index.js' }, require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' } } },
      dependencies: { '@thaw/other': 'workspace:*' },
    };
    const problems = checkTarball(pack, manifest).join('\n');
    for (const expected of [
      'ships src/index.ts',
      'ships dist/index.test.js',
      'points at dist/cjs/index.js, which is not in the tarball',
      'has no README.md',
      'has no LICENSE',
      'dependencies.@thaw/other is still "workspace:*"',
      'package.json has no "license"',
      'needs publishConfig.access "public"',
      '"default" without "types"',
    ]) expect(problems).toContain(expected);
  });

  it('passes `npm publish --dry-run` for every tarball', async () => {
    const results = await Promise.all(prepared.packs.map(async (pack) => ({ name: pack.name, problems: await publishDryRun(prepared.tarballs[pack.name]!) })));
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  });
});
