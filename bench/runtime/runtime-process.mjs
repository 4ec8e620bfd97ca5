// Starts one runtime process (a contender) and watches it: its exit becomes a rejected
// promise carrying the tail of its output, so a crashed contender fails the run with a reason.
import { spawn } from 'node:child_process';

const TAIL_BYTES = 4000;
export const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

/** Spawns `command` ([file, ...args]); returns { pid, spawnedAt, died, output(), kill() }. */
export function startRuntime(command, { env, cwd }) {
  let tail = '';
  const keep = (chunk) => { tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES); };
  const spawnedAt = nowMs();
  const child = spawn(command[0], command.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let killing = false;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const died = exited.then(({ code, signal }) => {
    if (killing) return new Promise(() => {});
    throw new Error(`runtime ${command.join(' ')} exited early (code ${code}, signal ${signal}); its last output:\n${tail || '(none)'}`);
  });
  died.catch(() => {});
  return {
    pid: child.pid,
    spawnedAt,
    died,
    output: () => tail,
    kill: async () => {
      killing = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Time from spawn to exit of `node -e 0`: the floor no runtime can beat on that binary. */
export function nodeFloorMs(nodeBin) {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(nodeBin, ['-e', '0'], { stdio: 'ignore', env: { PATH: process.env.PATH } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(nowMs() - start) : reject(new Error(`${nodeBin} -e 0 exited with ${code}`))));
  });
}
