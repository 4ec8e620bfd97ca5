// Makes the code cache that dist/launch.cjs uses: runs the launcher on the given Node.js for
// one invocation of a small function, against a one-shot Runtime API on 127.0.0.1, and takes
// the cache it writes at exit. Only the Node.js that will run the cache can make it, so a
// layer for another architecture than this machine's ships without one.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainingApi } from './training-api.js';

/** A code cache file: its name (to put beside bootstrap.cjs) and its contents. */
export interface CodeCache {
  fileName: string;
  data: Buffer;
}

// The training function takes the paths most functions take: a JSON event, a console line,
// the context, a JSON result.
const TRAINING_HANDLER = `exports.handler = async (event, context) => {
  console.log('code cache training', event.records.length, context.getRemainingTimeInMillis() > 0);
  return { ok: true, records: event.records.length };
};
`;
const TRAINING_EVENT = JSON.stringify({ records: Array.from({ length: 20 }, (_, id) => ({ id, name: `record ${id}` })) });
const TIMEOUT_MS = 20_000;
const OUTPUT_TAIL = 4000;

/** dist/launch.cjs, seen from dist/launch/ (the package) or src/launch/ (its tests). */
function launcherPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'launch.cjs'), join(here, '..', '..', 'dist', 'launch.cjs')];
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) throw new Error(`Cannot make a code cache: launch.cjs is missing (looked for ${candidates.join(' and ')}). Build @thaw/runtime-client first.`);
  return found;
}

/** Runs one invocation through the launcher on `node` and returns the code cache it wrote. */
export async function makeCodeCache(node: string): Promise<CodeCache> {
  const launcher = launcherPath();
  const work = mkdtempSync(join(tmpdir(), 'thaw-code-cache-'));
  const taskRoot = join(work, 'task');
  const out = join(work, 'out');
  const api = trainingApi(TRAINING_EVENT);
  try {
    mkdirSync(taskRoot);
    mkdirSync(out);
    writeFileSync(join(taskRoot, 'index.js'), TRAINING_HANDLER);
    const port = await api.listen();
    const run = await runTraining(node, launcher, taskRoot, { AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, THAW_CODE_CACHE_WRITE: out });
    const files = readdirSync(out);
    const problem = api.failure() ?? (files.length === 1 ? undefined : `the runtime wrote no cache (${run.ending})`);
    if (problem !== undefined) throw new Error(`Cannot make a code cache with ${node}: ${problem}. Its output:\n${run.output || '(none)'}`);
    return { fileName: files[0]!, data: readFileSync(join(out, files[0]!)) };
  } finally {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  }
}

interface TrainingRun {
  /** The tail of what it printed. */
  output: string;
  /** How it ended, e.g. "it exited with code 1". */
  ending: string;
}

/** Runs the launcher until it exits. */
function runTraining(node: string, launcher: string, taskRoot: string, env: Record<string, string>): Promise<TrainingRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [launcher], {
      cwd: taskRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot, AWS_LAMBDA_FUNCTION_NAME: 'thaw-code-cache', ...env },
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Cannot make a code cache: ${node} did not start (${error.message}).`));
    });
    // 'close', not 'exit': the last of its output may still be in the pipes at exit.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ending = timedOut
        ? `it was stopped after ${TIMEOUT_MS / 1000} s without finishing`
        : signal !== null
          ? `it was killed by ${signal}`
          : `it exited with code ${code}`;
      resolve({ output, ending });
    });
  });
}
