import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '@thaw/tmp-cache';

// A real size-limited filesystem: a 2 MiB tmpfs, mountable only as root. Without root
// the real-ENOSPC cases are skipped (the budget-limited cases below still run, and the
// unit tests cover maxBytes); the skip names the reason in the test title.
const MIB = 1024 * 1024;
const base = mkdtempSync(join(tmpdir(), 'tmp-cache-enospc-'));
const mountPoint = join(base, 'small');
let mounted = false;
let mountError = '';

beforeAll(() => {
  try {
    execFileSync('mkdir', ['-p', mountPoint]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    mountError = String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(base, { recursive: true, force: true });
});

function leftovers(root: string): string[] {
  return readdirSync(join(root, 'thaw-cache', 'entries')).filter((name) => name.startsWith('.tmp.'));
}

async function* chunks(total: number) {
  for (let sent = 0; sent < total; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, 7);
}

describe('ENOSPC on a real 2 MiB tmpfs', () => {
  it('evicts and retries once when the disk fills mid-write, then succeeds', async (ctx) => {
    if (!mounted) ctx.skip(); // not root: see mountError
    const root = join(mountPoint, 'evict');
    const cache = openCache({ root, reserveBytes: 0 });
    await cache.set('old-1', Buffer.alloc(512 * 1024, 1));
    await cache.set('old-2', Buffer.alloc(512 * 1024, 2));
    // Another user of /tmp takes most of the remaining space behind the cache's back.
    const free = statfsSync(mountPoint).bavail * statfsSync(mountPoint).bsize;
    writeFileSync(join(mountPoint, 'foreign'), Buffer.alloc(Math.max(0, free - 256 * 1024)));
    const file = await cache.setStream('new', () => chunks(768 * 1024));
    expect(file.size).toBe(768 * 1024);
    expect(cache.stats()).toMatchObject({ noSpaceRetries: 1 });
    expect(cache.stats().evictions).toBeGreaterThan(0);
    expect(leftovers(root)).toEqual([]);
    file.release();
    rmSync(join(mountPoint, 'foreign'));
    rmSync(root, { recursive: true });
  });

  it('when eviction cannot help: a clear TmpCacheNoSpaceError, no crash, no partial file', async (ctx) => {
    if (!mounted) ctx.skip();
    const root = join(mountPoint, 'full');
    const cache = openCache({ root, reserveBytes: 0 });
    await cache.set('pinned', Buffer.alloc(256 * 1024), { pin: true });
    const free = statfsSync(mountPoint).bavail * statfsSync(mountPoint).bsize;
    writeFileSync(join(mountPoint, 'foreign'), Buffer.alloc(Math.max(0, free - 128 * 1024)));
    await expect(cache.setStream('too-big', () => chunks(1 * MIB))).rejects.toMatchObject({
      name: 'TmpCacheNoSpaceError',
      message: expect.stringMatching(/ENOSPC.*no partial file was left/),
    });
    // A buffer set sees the shortage up front (statfs) and fails the same way.
    await expect(cache.set('buffer', Buffer.alloc(512 * 1024))).rejects.toMatchObject({ name: 'TmpCacheNoSpaceError' });
    expect(leftovers(root)).toEqual([]);
    expect(await cache.has('too-big')).toBe(false);
    expect(await cache.get('pinned')).toHaveLength(256 * 1024);
    rmSync(join(mountPoint, 'foreign'));
  });

  it(`is skipped only when a tmpfs cannot be mounted${mounted ? '' : ' (mount failed)'}`, () => {
    // Records, in the test output, why the real-ENOSPC cases did not run.
    if (!mounted) expect(mountError).not.toBe('');
    else expect(statfsSync(mountPoint).blocks * statfsSync(mountPoint).bsize).toBe(2 * MIB);
  });
});

describe('a budget-limited root (no privileges needed)', () => {
  it('never crashes or leaves a partial file when values exceed the budget', async () => {
    const root = join(base, 'budget');
    const cache = openCache({ root, maxBytes: 1 * MIB });
    for (let i = 0; i < 6; i++) await cache.set(`k${i}`, Buffer.alloc(300 * 1024, i));
    expect(cache.stats().bytesUsed).toBeLessThanOrEqual(1 * MIB);
    // With expectedSize the shortage is known up front: nothing is evicted for it.
    await expect(cache.setStream('stream', () => chunks(2 * MIB), { expectedSize: 2 * MIB })).rejects.toMatchObject({ name: 'TmpCacheNoSpaceError' });
    expect(await cache.get('k5')).toEqual(Buffer.alloc(300 * 1024, 5));
    // Without it, the stream fails as soon as it passes maxBytes.
    await expect(cache.setStream('stream', () => chunks(2 * MIB))).rejects.toThrow(/at least \d+ bytes cannot fit in maxBytes/);
    expect(leftovers(root)).toEqual([]);
    expect(await cache.has('stream')).toBe(false);
  });
});
