import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '@thaw/tmp-cache';
import { runFixture } from './spawn.js';

// 200 trials of SIGKILL while a writer process publishes 8 MiB entries, 4 lanes in
// parallel (each lane its own cache root, one key replaced over and over). After every kill
// the test process opens the cache again (the "next init") and checks: no temp file, lock,
// or marker of the dead writer is left, and the entry is either absent or complete.
// The matrix runs the full 200 on its first Node version and fewer on the others
// (THAW_KILL_TRIALS), so the suite stays within its time budget on two cores.

const LANES = 4;
const TRIALS = Math.max(LANES, Math.round(Number(process.env.THAW_KILL_TRIALS ?? 200) / LANES) * LANES);
const SIZE_MB = 8;
const SIZE = SIZE_MB * 1024 * 1024;
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface LaneResult { started: number; failedWriters: string[]; partialReads: string[]; orphans: string[]; killedMidWrite: number; lostOldVersion: number; reads: number }

/** A complete value is SIZE bytes, every byte the writer's fill byte. */
function isComplete(value: Buffer, expectedFills: Set<number>): boolean {
  if (value.length !== SIZE || !expectedFills.has(value[0]!)) return false;
  return value.equals(Buffer.alloc(SIZE, value[0]!));
}

async function runLane(lane: number, trials: number): Promise<LaneResult> {
  const root = mkdtempSync(join(tmpdir(), `tmp-cache-kill-${lane}-`));
  roots.push(root);
  const result: LaneResult = { started: 0, failedWriters: [], partialReads: [], orphans: [], killedMidWrite: 0, lostOldVersion: 0, reads: 0 };
  const attempted = new Set<number>();
  let lastGood: number | undefined;
  for (let trial = 0; trial < trials; trial++) {
    const fill = ((lane * trials + trial) % 250) + 1;
    attempted.add(fill);
    // The mix is fixed by the trial number (the moments are random), so every run has its
    // share of each kind: 9 in 20 trials the writer kills itself at a random offset, 2 in 20
    // right after publishing, 9 in 20 the test kills it after a random delay (rename included).
    const mode = (lane + trial * LANES) % 20;
    const killAt = mode < 9 ? Math.floor(Math.random() * SIZE) : mode < 11 ? -2 : -1;
    const child = runFixture('writer.cjs', [root, 'artifact', String(fill), String(SIZE_MB), String(killAt)]);
    await child.waitFor('ready').catch(() => undefined);
    if (killAt === -1) {
      await sleep(Math.random() * 40);
      child.process.kill('SIGKILL');
    } else {
      // Read concurrently while the writer runs: a reader must never see a partial entry.
      const reader = openCache({ root });
      while (child.process.exitCode === null && child.process.signalCode === null) {
        const value = reader.getSync<Buffer>('artifact');
        result.reads++;
        if (value !== undefined && !isComplete(value, attempted)) result.partialReads.push(`lane ${lane} trial ${trial}: concurrent read of ${value.length} bytes`);
        await sleep(50);
      }
    }
    const { code, signal, stderr } = await child.exited;
    const ready = child.lines.includes('ready');
    if (ready) result.started++;
    // A writer ends killed (by itself or by the test) or having published; anything else is a crash.
    if (!ready || (signal !== 'SIGKILL' && !(code === 0 && child.lines.includes('done')))) {
      result.failedWriters.push(`lane ${lane} trial ${trial}: ${ready ? 'after' : 'before'} "ready", exit ${code ?? signal}, stderr: ${stderr.slice(0, 400) || '(empty)'}`);
    }
    // Published for sure: the writer said so, or it killed itself only after publishing.
    const published = child.lines.includes('done') || (killAt === -2 && signal === 'SIGKILL');
    if (killAt >= 0 && signal === 'SIGKILL') result.killedMidWrite++;

    const next = openCache({ root }); // the next init
    const dir = join(root, 'thaw-cache');
    for (const sub of ['entries', 'locks', 'leases', 'scratch']) {
      for (const name of readdirSync(join(dir, sub))) if (sub !== 'entries' || name.startsWith('.tmp.')) result.orphans.push(`${sub}/${name}`);
    }
    for (const name of readdirSync(join(dir, 'run'))) if (name.startsWith('inv.')) result.orphans.push(`run/${name}`);

    const value = next.getSync<Buffer>('artifact');
    result.reads++;
    if (value !== undefined && !isComplete(value, attempted)) result.partialReads.push(`lane ${lane} trial ${trial}: read ${value.length} bytes after init`);
    if (published && value?.[0] !== fill) {
      result.partialReads.push(`lane ${lane} trial ${trial}: writer finished (killAt ${killAt}) but read ${value ? `fill ${value[0]}` : 'nothing'} instead of ${fill}`);
    }
    if (killAt >= 0 && signal === 'SIGKILL') {
      // Killed mid-write: the previous complete version must still be there.
      if (lastGood !== undefined && value?.[0] !== lastGood) result.lostOldVersion++;
    }
    if (value !== undefined) lastGood = value[0];
  }
  return result;
}

describe('SIGKILL during writes of large entries', () => {
  it(`${TRIALS} trials: zero partial reads, zero orphans after the next init`, async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane, TRIALS / LANES)));
    const total = lanes.reduce((sum, lane) => ({
      started: sum.started + lane.started,
      failedWriters: [...sum.failedWriters, ...lane.failedWriters],
      partialReads: [...sum.partialReads, ...lane.partialReads],
      orphans: [...sum.orphans, ...lane.orphans],
      killedMidWrite: sum.killedMidWrite + lane.killedMidWrite,
      lostOldVersion: sum.lostOldVersion + lane.lostOldVersion,
      reads: sum.reads + lane.reads,
    }));
    expect(total.orphans).toEqual([]);
    expect(total.partialReads).toEqual([]);
    expect(total.lostOldVersion).toBe(0);
    // The trials must really have killed writers mid-write, and read a lot meanwhile.
    expect(total.killedMidWrite).toBeGreaterThan(TRIALS / 4);
    // Every writer must really have started writing and ended only by a kill or by publishing;
    // a failed one is listed with its stderr. (15 of 400 once exited before "ready": the package
    // build deleted dist/ before rebuilding it, and writers started meanwhile could not load the
    // package. The build now replaces dist/ file by file: tmp-cache/scripts/replace-in-place.mjs.)
    expect(total.failedWriters).toEqual([]);
    expect(total.started).toBe(TRIALS);
    expect(total.reads).toBeGreaterThan(TRIALS);
  }, 300_000);
});
