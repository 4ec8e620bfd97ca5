import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, replaceInPlace } from '../../packages/tmp-cache/scripts/replace-in-place.mjs';

// Regression test for the cause of the kill trials' "writer exited before ready": the
// package build began with `rm -rf dist`, so writer processes started during a rebuild (by a
// teammate, in this shared checkout) could not load the package. The build now moves a
// finished build into dist/ file by file; here a reader looks at dist/ after every single
// step of such a move and must always find a loadable package.

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

type Tree = Record<string, string>;

function writeTree(dir: string, tree: Tree): void {
  for (const [file, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}

function readTree(dir: string): Tree {
  return Object.fromEntries(listFiles(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** An entry point names the modules it imports, one per line after "imports:". */
function entryPoint(version: string, imports: string[]): string {
  return `version ${version}\nimports:\n${imports.join('\n')}`;
}

function importsOf(entry: string): string[] {
  return entry.split('\nimports:\n')[1]!.split('\n').filter(Boolean);
}

// Version 1 has a module that version 2 drops (stale.js) and version 2 adds two modules, the
// shape of splitting cache.ts: the new entry point imports files the old build never had.
const oldBuild: Tree = {
  'index.js': entryPoint('1', ['cache.js', 'stale.js']),
  'cache.js': 'cache v1',
  'stale.js': 'stale v1',
  'cjs/index.js': 'bundle v1',
  'cjs/package.json': '{"type":"commonjs"}\n',
  'old-only/gone.js': 'gone v1',
};
const newBuild: Tree = {
  'index.js': entryPoint('2', ['cache.js', 'read-path.js', 'nested/write-path.js']),
  'cache.js': 'cache v2',
  'read-path.js': 'read v2',
  'nested/write-path.js': 'write v2',
  'cjs/index.js': 'bundle v2',
  'cjs/package.json': '{"type":"commonjs"}\n',
};

/** What a process loading the package at this moment could fail on; [] when it loads. */
function loadProblems(dist: string): string[] {
  const problems: string[] = [];
  for (const entry of ['index.js', 'cjs/index.js', 'cjs/package.json']) {
    if (!existsSync(join(dist, entry))) problems.push(`${entry} missing`);
  }
  if (problems.length > 0) return problems;
  for (const module of importsOf(readFileSync(join(dist, 'index.js'), 'utf8'))) {
    if (!existsSync(join(dist, module))) problems.push(`index.js imports ${module}, which is missing`);
  }
  for (const [file, content] of Object.entries(readTree(dist))) {
    if (content !== oldBuild[file] && content !== newBuild[file]) problems.push(`${file} holds neither version: ${JSON.stringify(content)}`);
  }
  return problems;
}

describe('moving a finished build into dist/', () => {
  it('leaves a loadable package after every step, and exactly the new build at the end', () => {
    const root = mkdtempSync(join(tmpdir(), 'tmp-cache-build-'));
    roots.push(root);
    const dist = join(root, 'dist');
    const staging = join(root, '.build', 'dist-1');
    writeTree(dist, oldBuild);
    writeTree(staging, newBuild);
    expect(loadProblems(dist)).toEqual([]);

    const problemsBySteps: string[] = [];
    let steps = 0;
    replaceInPlace(staging, dist, (file) => {
      steps++;
      for (const problem of loadProblems(dist)) problemsBySteps.push(`after moving/removing ${file}: ${problem}`);
    });

    expect(problemsBySteps).toEqual([]);
    // Every new file moved, every stale file removed: one step each.
    expect(steps).toBe(Object.keys(newBuild).length + 2);
    expect(readTree(dist)).toEqual(newBuild);
    expect(existsSync(join(dist, 'old-only'))).toBe(false);
    expect(listFiles(staging)).toEqual([]);
  });

  it('builds dist/ from nothing when there was no earlier build', () => {
    const root = mkdtempSync(join(tmpdir(), 'tmp-cache-build-'));
    roots.push(root);
    writeTree(join(root, 'staging'), newBuild);
    replaceInPlace(join(root, 'staging'), join(root, 'dist'));
    expect(readTree(join(root, 'dist'))).toEqual(newBuild);
  });
});
