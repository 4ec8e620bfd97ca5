import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'tmp-cache-exports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('package exports', () => {
  it('works through require() (CommonJS build) and import (ESM build) on the same cache', () => {
    const cjs = `const { openCache, TmpCacheKeyError } = require('@thaw/tmp-cache');
      const cache = openCache({ root: ${JSON.stringify(root)} });
      cache.setSync('from-cjs', { ok: true });
      let name; try { cache.getSync(''); } catch (e) { name = e.name; }
      console.log(JSON.stringify({ name, isClass: typeof TmpCacheKeyError === 'function' }));`;
    const esm = `import { openCache } from '@thaw/tmp-cache';
      console.log(JSON.stringify(openCache({ root: ${JSON.stringify(root)} }).getSync('from-cjs')));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', cjs], { cwd: here, encoding: 'utf8' }))).toEqual({ name: 'TmpCacheKeyError', isClass: true });
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: here, encoding: 'utf8' }))).toEqual({ ok: true });
  });
});
