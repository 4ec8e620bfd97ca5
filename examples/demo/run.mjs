// The README's first command ends here: real functions from examples/, invoked through
// the thaw CLI, i.e. our bootstrap as a child process under the local emulator.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const thaw = join(root, 'packages', 'cli', 'bin', 'thaw.js');

const steps = [
  {
    title: 'hello: one cold start, then warm invocations of the same environment',
    args: ['invoke', 'examples/hello', '--event', 'examples/hello/event.json', '--times', '3'],
  },
  {
    title: 'init-cache: configuration loaded during init, reused by warm invocations (watch the hit count)',
    args: ['invoke', 'examples/init-cache', '--event', 'examples/init-cache/event.json', '--times', '3'],
  },
];

let failed = 0;
for (const step of steps) {
  process.stdout.write(`\n━━ ${step.title}\n$ thaw ${step.args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [thaw, ...step.args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (run.status !== 0) failed++;
}
process.stdout.write(failed === 0 ? '\ndemo finished: every invocation succeeded\n' : `\ndemo: ${failed} step(s) failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
