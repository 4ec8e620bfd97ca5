// Runs the whole test suite on Node 20 (the system node) and on Lambda's Node 22 and 24.
// THAW_MATRIX=20,24 narrows the list. Sequential on purpose: the machine has two cores
// and every end-to-end test spawns processes of its own.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const majors = (process.env.THAW_MATRIX ?? '20,22,24').split(',').map((s) => s.trim());
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const results = [];
// Fetch every binary first: some tests (the runtime layer with its own Node) use the cached
// binaries whatever Node runs them, and would otherwise skip on the first run of a fresh clone.
for (const major of ['22', '24']) nodeBinary(Number(major));

for (const [index, major] of majors.entries()) {
  // Types do not depend on the Node version: type tests run once, in the first run.
  const typecheck = index === 0 ? [] : ['--typecheck.enabled=false'];
  const node = major === process.versions.node.split('.')[0] ? process.execPath : nodeBinary(Number(major));
  const started = Date.now();
  process.stdout.write(`\n=== Node ${major}: ${node}\n`);
  const run = spawnSync(node, [vitest, 'run', ...typecheck, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${dirname(node)}:${process.env.PATH}`,
      // Process-heavy trials run in full once; later Node versions run a smaller sample.
      THAW_KILL_TRIALS: process.env.THAW_KILL_TRIALS ?? (index === 0 ? '200' : '40'),
    },
  });
  results.push({ major, code: run.status ?? 1, seconds: (Date.now() - started) / 1000 });
}

process.stdout.write('\n=== matrix summary\n');
for (const r of results) process.stdout.write(`Node ${r.major}: ${r.code === 0 ? 'passed' : 'FAILED'} in ${r.seconds.toFixed(1)} s\n`);
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
