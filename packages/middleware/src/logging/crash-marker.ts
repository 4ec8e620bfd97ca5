import { nodeFs, nodePath } from '../node-builtins.js';

/**
 * Tells a re-init from a first init using only /tmp, at no cost per invocation.
 *
 * Lambda keeps /tmp for the life of one execution environment, and starts a second runtime
 * in an environment only after the first one died (a crash, an out-of-memory kill, a
 * timeout, `process.exit`). So each runtime leaves a marker in /tmp when it starts, and a
 * runtime that finds one is a re-init.
 *
 * The marker holds the parent process id: the platform process that starts runtimes is the
 * same for every runtime of one environment (on Lambda, and in our emulator), while a local
 * machine that shares /tmp between unrelated runs has a different parent for each run, so
 * those are not mistaken for re-inits. A runtime that dies before the middleware is created
 * (during its imports) leaves no marker and the next init is not flagged.
 */
export const DEFAULT_MARKER_PATH = '/tmp/.thaw/runtime-started';

export interface StartMarker {
  /** An earlier runtime of this environment started and is gone: this init is a re-init. */
  readonly reinit: boolean;
}

export function readAndWriteStartMarker(path: string): StartMarker {
  // Loaded here, once per process when a middleware is created, not at import.
  const { mkdirSync, readFileSync, writeFileSync } = nodeFs();
  const dirname = nodePath().dirname;
  const parent = String(process.ppid);
  let previous: string | undefined;
  try {
    previous = readFileSync(path, 'utf8').trim();
  } catch {
    previous = undefined;
  }
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, parent, { mode: 0o600 });
  } catch {
    // An unwritable /tmp must not break the function: only the re-init flag is lost.
  }
  return { reinit: previous === parent };
}
