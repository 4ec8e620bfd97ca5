import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixture } from './spawn.js';

const root = mkdtempSync(join(tmpdir(), 'tmp-cache-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Report { start: { class: string; reasons: string[]; interruptedInvocations: number }; scratch: string }

async function runInvocation(mode: 'clean' | 'hang'): Promise<Report> {
  const child = runFixture('invocation.mjs', [root, mode]);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (child.lines.length > 0) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
    void child.exited.then(({ stderr }) => {
      clearInterval(poll);
      if (child.lines.length === 0) reject(new Error(`invocation.mjs exited early: ${stderr}`));
      else resolve();
    });
  });
  const report = JSON.parse(child.lines[0]!) as Report;
  if (mode === 'hang') {
    child.process.kill('SIGKILL'); // the platform's timeout / crash: no cleanup runs
  }
  await child.exited;
  return report;
}

describe('start classification across real runtime processes', () => {
  it('new environment, warm reuse, then re-init after a process killed mid-invocation', async () => {
    const first = await runInvocation('clean');
    expect(first.start.class).toBe('new-environment');
    expect(existsSync(first.scratch)).toBe(false); // removed at the end of the invocation

    const second = await runInvocation('hang'); // killed inside its invocation
    expect(second.start.class).toBe('warm-reuse');
    expect(existsSync(second.scratch)).toBe(true); // the killed process could not clean up

    const third = await runInvocation('clean');
    expect(third.start).toMatchObject({ class: 'reinit-after-crash', interruptedInvocations: 1 });
    expect(third.start.reasons.join(' ')).toMatch(/never finished/);
    expect(existsSync(second.scratch)).toBe(false); // swept at init
    expect(readdirSync(join(root, 'thaw-cache', 'run')).filter((name) => !name.startsWith('env.'))).toEqual([]);

    const fourth = await runInvocation('clean');
    expect(fourth.start.class).toBe('warm-reuse');
  }, 60_000);
});
