import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyClosure } from './package-tree.js';

const root = mkdtempSync(join(tmpdir(), 'thaw-package-tree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkg(dir: string, json: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(json));
  return dir;
}

// app -> lib@1 (top level), sdk (provided by the runtime); tool -> lib@2 (nested under tool).
const nm = join(root, 'node_modules');
const app = pkg(join(root, 'app'), { name: 'app', version: '1.0.0', dependencies: { lib: '1', tool: '1', '@aws-sdk/client-kms': '3' }, peerDependencies: { '@middy/core': '7' }, peerDependenciesMeta: { '@middy/core': { optional: true } } });
pkg(join(nm, 'lib'), { name: 'lib', version: '1.0.0' });
pkg(join(nm, 'tool'), { name: 'tool', version: '1.0.0', dependencies: { lib: '2' } });
pkg(join(nm, 'tool', 'node_modules', 'lib'), { name: 'lib', version: '2.0.0' });
pkg(join(nm, 'needs-missing'), { name: 'needs-missing', version: '1.0.0', dependencies: { ghost: '1' } });

describe('dependencyClosure', () => {
  it('flattens dependencies, nests a clashing version, and leaves runtime-provided and optional peers out', () => {
    const { packages, leftOut } = dependencyClosure([app], (name) => name.startsWith('@aws-sdk/'));
    expect(packages.map((p) => `${p.installPath}@${p.version}`)).toEqual(['app@1.0.0', 'lib@1.0.0', 'tool@1.0.0', 'tool/node_modules/lib@2.0.0']);
    expect(leftOut).toEqual(['@aws-sdk/client-kms']);
  });

  it('names a dependency that is not installed and what to do', () => {
    expect(() => dependencyClosure([join(nm, 'needs-missing')], () => false)).toThrow(/needs-missing needs ghost, which is not installed next to it .*run your package manager's install first/);
  });
});
