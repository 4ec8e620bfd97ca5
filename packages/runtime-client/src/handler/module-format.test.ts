import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateModule } from './locate-module.js';
import { moduleFormat } from './module-format.js';

const root = mkdtempSync(join(tmpdir(), 'thaw-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, text = ''): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe('moduleFormat', () => {
  it('decides by extension, then by the nearest package.json type', () => {
    file('package.json', '{"type":"module"}');
    file('sub/package.json', '{"name":"no type"}');
    expect(moduleFormat(file('a.mjs'))).toBe('esm');
    expect(moduleFormat(file('a.cjs'))).toBe('cjs');
    expect(moduleFormat(file('a.js'))).toBe('esm');
    expect(moduleFormat(file('sub/b.js'))).toBe('cjs');
    expect(moduleFormat(file('deep/er/c.js'))).toBe('esm');
  });

  it('stops searching at node_modules', () => {
    expect(moduleFormat(file('node_modules/pkg/lib/x.js'))).toBe('cjs');
  });

  it('treats an unparsable package.json as CommonJS instead of throwing', () => {
    file('broken/package.json', '{ not json');
    expect(moduleFormat(file('broken/x.js'))).toBe('cjs');
  });
});

describe('locateModule', () => {
  it('tries the extensionless file, .js, .mjs, .cjs in that order and skips directories', () => {
    file('loc/app.mjs');
    file('loc/app.cjs');
    mkdirSync(join(root, 'loc/app'), { recursive: true });
    expect(locateModule(join(root, 'loc'), 'app')).toEqual({ file: join(root, 'loc/app.mjs'), fromPackage: false });
    file('loc/app.js');
    expect(locateModule(join(root, 'loc'), 'app')?.file).toBe(join(root, 'loc/app.js'));
  });

  it('resolves packages, including ESM-only ones', () => {
    file('pk/node_modules/cjs-pkg/package.json', '{"main":"main.js"}');
    file('pk/node_modules/cjs-pkg/main.js');
    file('pk/node_modules/@s/esm/package.json', '{"exports":{".":{"import":"./i.mjs"},"./sub":{"node":{"import":"./s.mjs"}}}}');
    file('pk/node_modules/@s/esm/i.mjs');
    file('pk/node_modules/@s/esm/s.mjs');
    expect(locateModule(join(root, 'pk'), 'cjs-pkg')).toEqual({ file: join(root, 'pk/node_modules/cjs-pkg/main.js'), fromPackage: true });
    expect(locateModule(join(root, 'pk'), '@s/esm')?.file).toBe(join(root, 'pk/node_modules/@s/esm/i.mjs'));
    expect(locateModule(join(root, 'pk'), '@s/esm/sub')?.file).toBe(join(root, 'pk/node_modules/@s/esm/s.mjs'));
    expect(locateModule(join(root, 'pk'), 'absent-pkg')).toBeUndefined();
  });
});
