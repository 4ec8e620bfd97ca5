import { describe, expect, it } from 'vitest';
import { GLOBAL_NAMESPACE, entryId, formatEntryName, generationTime, namespaceTag, newGeneration, parseEntryName } from './names.js';

describe('entry names', () => {
  it('round-trips every field through the file name', () => {
    const entry = {
      id: entryId(GLOBAL_NAMESPACE, 'model.onnx'), gen: newGeneration(1_700_000_000_000), size: 123_456_789,
      expiresAt: 1_800_000_000_000, kind: 'f' as const, pinned: true, executable: true,
      writerRuntime: 'abc12345', writerInvocation: 42, sha256: 'a'.repeat(64),
    };
    const name = formatEntryName(entry);
    expect(name.length).toBeLessThan(255);
    expect(parseEntryName(name)).toEqual(entry);
    expect(generationTime(entry.gen)).toBe(1_700_000_000_000);
  });

  it('hashes hostile keys into fixed-length hex ids', () => {
    for (const key of ['../../etc/passwd', '/abs/path', 'a\u0000b', '.'.repeat(300), 'ключ']) {
      expect(entryId(GLOBAL_NAMESPACE, key)).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('gives tenants separate namespaces for the same key', () => {
    const a = entryId(namespaceTag('tenant-a'), 'k');
    const b = entryId(namespaceTag('tenant-b'), 'k');
    expect(a).not.toBe(b);
    expect(a.slice(0, 8)).toBe(namespaceTag('tenant-a'));
    expect(entryId(GLOBAL_NAMESPACE, 'k').startsWith(GLOBAL_NAMESPACE)).toBe(true);
  });

  it('orders generations by time, then by a per-process counter', () => {
    const first = newGeneration(1000);
    const second = newGeneration(1000);
    const later = newGeneration(2000);
    expect(second > first).toBe(true);
    expect(later > second).toBe(true);
  });

  it('rejects names that are not entries', () => {
    for (const name of ['.tmp.1.2.3.abc', 'foo', 'a.b.c.d.e.f', `${'0'.repeat(32)}.${'0'.repeat(17)}.1.0.z.abc-1`]) {
      expect(parseEntryName(name)).toBeUndefined();
    }
  });
});
