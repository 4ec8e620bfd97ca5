import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from './index.js';
import { tempRoots } from './temp-roots.test-support.js';

const tempRoot = tempRoots('tmp-cache-integrity-');

describe('integrity', () => {
  it('a size mismatch is a miss and the entry is removed', async () => {
    const cache = openCache({ root: tempRoot() });
    const { path } = await cache.set('k', Buffer.alloc(4096, 1));
    truncateSync(path, 100);
    expect(await cache.get('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(cache.stats().integrityFailures).toBe(1);
  });

  it('a sha256 mismatch (same size) is a miss when verified, and the entry is removed', async () => {
    const cache = openCache({ root: tempRoot(), sha256: true });
    const { path, sha256 } = await cache.set('k', Buffer.alloc(4096, 1));
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(path, Buffer.alloc(4096, 2));
    expect(await cache.get('k', { verify: true })).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });

  it('verifies sha256 once for entries written by an earlier runtime', async () => {
    const root = tempRoot();
    const { path } = await openCache({ root, sha256: true }).set('k', Buffer.alloc(64, 1));
    writeFileSync(path, Buffer.alloc(64, 9));
    // Same process, so the "earlier runtime" is simulated by the verify flag on getFile.
    const cache = openCache({ root });
    expect(await cache.getFile('k', { verify: true })).toBeUndefined();
    expect(cache.stats().integrityFailures).toBe(1);
  });

  it('JSON that no longer parses is a miss, not an exception', async () => {
    const cache = openCache({ root: tempRoot() });
    const { path } = await cache.set('k', { a: 1 });
    writeFileSync(path, '{"a"+');
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe('symlinks and foreign files', () => {
  it('refuses a cache directory that is a planted symlink', () => {
    const root = tempRoot();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(root, 'thaw-cache'));
    expect(() => openCache({ root })).toThrow(expect.objectContaining({ name: 'TmpCacheSymlinkError', message: expect.stringMatching(/refuses to follow it/) }));
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a symlink planted in place of an entry and never follows it', async () => {
    const root = tempRoot();
    const cache = openCache({ root });
    const { path } = await cache.set('k', 'real');
    const secret = join(root, 'secret.txt');
    writeFileSync(secret, 'do not serve me');
    unlinkSync(path);
    symlinkSync(secret, path);
    expect(await cache.get('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(secret, 'utf8')).toBe('do not serve me');
    expect(cache.stats().refusedSymlinks).toBe(1);
  });

  it('removes symlinks and foreign files from entries/ at init', () => {
    const root = tempRoot();
    openCache({ root });
    const entries = join(root, 'thaw-cache', 'entries');
    symlinkSync('/etc/passwd', join(entries, 'planted'));
    writeFileSync(join(entries, 'foreign'), 'x');
    mkdirSync(join(entries, 'somedir'));
    const cache = openCache({ root });
    expect(readdirSync(entries)).toEqual([]);
    expect(cache.stats().refusedSymlinks).toBe(1);
  });

  it('refuses a cache directory that is a plain file', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'thaw-cache'), 'x');
    expect(() => openCache({ root })).toThrow(expect.objectContaining({ name: 'TmpCacheUnsafeDirectoryError' }));
  });
});
