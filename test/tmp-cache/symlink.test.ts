import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '@thaw/tmp-cache';

const root = mkdtempSync(join(tmpdir(), 'tmp-cache-symlink-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('planted symlinks (built package)', () => {
  it('refuses a symlink planted as the cache directory: nothing is written through it', () => {
    const victim = join(root, 'victim-dir');
    mkdirSync(victim);
    const plantedRoot = join(root, 'planted');
    mkdirSync(plantedRoot);
    symlinkSync(victim, join(plantedRoot, 'thaw-cache'));
    expect(() => openCache({ root: plantedRoot })).toThrow(expect.objectContaining({ name: 'TmpCacheSymlinkError' }));
    expect(readdirSync(victim)).toEqual([]);
  });

  it('refuses symlinks planted at an entry path or as a subdirectory', async () => {
    const cacheRoot = join(root, 'real');
    const cache = openCache({ root: cacheRoot });
    const { path } = await cache.set('config', 'genuine');
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'secret');
    unlinkSync(path);
    symlinkSync(victim, path);
    expect(await cache.get('config')).toBeUndefined();
    expect(readFileSync(victim, 'utf8')).toBe('secret');

    rmSync(join(cacheRoot, 'thaw-cache', 'scratch'), { recursive: true });
    symlinkSync(join(root), join(cacheRoot, 'thaw-cache', 'scratch'));
    expect(() => openCache({ root: cacheRoot })).toThrow(/scratch is a symlink/);
  });
});
