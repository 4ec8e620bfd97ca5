// writeLine (packages/middleware/src/logging/write-line.ts) skips the stream machinery of
// process.stdout only when the stream would make the same write(2). Checked in a real child
// process: the direct writes happen, a hook on process.stdout.write still sees every line, and
// nothing is lost or reordered when the pipe to the parent is full.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const WRITE_LINE = fileURLToPath(new URL('../../packages/middleware/dist/logging/write-line.js', import.meta.url));

/** Runs `body` as an ES module with writeLine imported; stdout goes to `stdout` or a pipe read after `readAfterMs`. */
function child(body: string, options: { stdout?: number; readAfterMs?: number } = {}): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const script = `import { writeLine } from ${JSON.stringify(WRITE_LINE)};\n${body}`;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  proc.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  // Not reading stdout for a while lets the pipe fill up while the child writes.
  setTimeout(() => proc.stdout?.on('data', (chunk: Buffer) => out.push(chunk)), options.readAfterMs ?? 0);
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code }));
  });
}

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('writeLine on process.stdout', () => {
  it('writes directly while the stream is Node’s own; a hook on process.stdout.write then sees every line', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'thaw-write-line-'));
    const file = join(scratch, 'out.txt');
    const body = `
      let streamWrites = 0;
      const own = process.stdout._write;
      process.stdout._write = function (...args) { streamWrites++; return own.apply(this, args); };
      for (let i = 0; i < 50; i++) writeLine(process.stdout, 'direct ' + i + '\\n');
      const direct = streamWrites;
      const hooked = [];
      const original = process.stdout.write;
      process.stdout.write = function (chunk, ...rest) { hooked.push(String(chunk)); return original.call(this, chunk, ...rest); };
      for (let i = 0; i < 5; i++) writeLine(process.stdout, 'hooked ' + i + '\\n');
      process.stderr.write(JSON.stringify({ direct, hooked, streamWrites }));
    `;
    const result = await child(body, { stdout: openSync(file, 'w') });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stderr);
    expect(report.direct).toBe(0);
    expect(report.hooked).toEqual([0, 1, 2, 3, 4].map((i) => `hooked ${i}\n`));
    expect(report.streamWrites).toBe(5);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toEqual([...Array.from({ length: 50 }, (_, i) => `direct ${i}`), ...Array.from({ length: 5 }, (_, i) => `hooked ${i}`)]);
  });

  it('loses and reorders nothing when the pipe is full', async () => {
    // 3,000 pairs of lines (about 3 MB) against a 64 KiB pipe that nobody reads for 300 ms.
    const body = `
      const pad = 'x'.repeat(1000);
      for (let i = 0; i < 3000; i++) {
        writeLine(process.stdout, 'L' + i + ' ' + pad + '\\n');
        process.stdout.write('S' + i + '\\n');
      }
      writeLine(process.stdout, 'é€😀 multibyte end\\n');
    `;
    const result = await child(body, { readAfterMs: 300 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) expected.push(`L${i} ${'x'.repeat(1000)}`, `S${i}`);
    expected.push('é€😀 multibyte end');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(expected.length);
    expect(lines).toEqual(expected);
  });
});
