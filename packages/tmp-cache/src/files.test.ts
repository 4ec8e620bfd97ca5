import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openCache } from './index.js';
import { tempRoots } from './temp-roots.test-support.js';

const tempRoot = tempRoots('tmp-cache-files-');

const leftovers = (dir: string) => readdirSync(join(dir, 'entries')).filter((n) => n.startsWith('.tmp.'));

async function* chunks(count: number, size: number) {
  for (let i = 0; i < count; i++) yield Buffer.alloc(size, i);
}

describe('file entries', () => {
  it('streams a large value into a file with a sha256 computed on the way', async () => {
    const cache = openCache({ root: tempRoot() });
    const file = await cache.getOrSetStream('blob', () => chunks(16, 64 * 1024), { sha256: true });
    const content = readFileSync(file.path);
    expect(content.length).toBe(1024 * 1024);
    expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(file.origin).toBe('earlier-invocation');
    let called = false;
    const again = await cache.getOrSetStream('blob', () => { called = true; return chunks(1, 1); });
    expect(called).toBe(false);
    expect(again.path).toBe(file.path);
    file.release();
    again.release();
  });

  it('accepts a Node Readable as the stream source', async () => {
    const cache = openCache({ root: tempRoot() });
    const file = await cache.setStream('r', () => Readable.from([Buffer.from('ab'), 'cd']));
    expect(readFileSync(file.path, 'utf8')).toBe('abcd');
    expect(await cache.get('r')).toEqual(Buffer.from('abcd'));
  });

  it('publishes a file a native tool wrote at the temp path, executable when asked', async () => {
    const cache = openCache({ root: tempRoot() });
    const tool = await cache.getOrSetFile('tool', (path) => {
      writeFileSync(path, '#!/bin/sh\necho cached-tool\n', { mode: 0o644 });
    }, { executable: true });
    expect(execFileSync(tool.path, { encoding: 'utf8' })).toBe('cached-tool\n');
    tool.release();
  });

  it.each([
    ['creates nothing', (_path: string) => undefined, /without creating the file/],
    ['creates a symlink', (path: string) => symlinkSync('/etc/hostname', path), /left a symlink/],
    ['creates a directory', (path: string) => mkdirSync(path), /left a non-file/],
    ['throws', () => { throw new Error('download failed'); }, /download failed/],
  ])('a fill that %s caches nothing and leaves nothing', async (_label, fill, message) => {
    const cache = openCache({ root: tempRoot() });
    await expect(cache.setFile('k', fill)).rejects.toThrow(message);
    expect(await cache.has('k')).toBe(false);
    expect(leftovers(cache.dir)).toEqual([]);
  });

  it('rejects content that does not match expectedSize or expectedSha256', async () => {
    const cache = openCache({ root: tempRoot() });
    await expect(cache.setStream('k', () => chunks(2, 10), { expectedSize: 30 })).rejects.toMatchObject({ name: 'TmpCacheFillError', message: expect.stringMatching(/20 bytes but expectedSize is 30/) });
    await expect(cache.setStream('k', () => chunks(2, 10), { expectedSha256: 'f'.repeat(64) })).rejects.toThrow(/sha256 differs/);
    const good = createHash('sha256').update(Buffer.concat([Buffer.alloc(10, 0), Buffer.alloc(10, 1)])).digest('hex');
    await expect(cache.setStream('k', () => chunks(2, 10), { expectedSha256: good, expectedSize: 20 })).resolves.toMatchObject({ size: 20, sha256: good });
    expect(leftovers(cache.dir)).toEqual([]);
  });

  it('a stream larger than maxBytes is aborted part-way and leaves no partial file', async () => {
    const cache = openCache({ root: tempRoot(), maxBytes: 1024 * 1024 });
    await expect(cache.setStream('big', () => chunks(64, 64 * 1024))).rejects.toMatchObject({ name: 'TmpCacheNoSpaceError', message: expect.stringMatching(/at least \d+ bytes cannot fit in maxBytes/) });
    expect(leftovers(cache.dir)).toEqual([]);
    expect(readdirSync(join(cache.dir, 'entries'))).toEqual([]);
  });
});
