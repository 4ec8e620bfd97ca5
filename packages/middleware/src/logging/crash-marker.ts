import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Tells a re-init after a crash from a first init, using only /tmp (which Lambda keeps when
 * it restarts a runtime in the same environment).
 *
 * One byte in a file: '1' while at least one invocation is running, '0' otherwise. If the
 * file says '1' when a new runtime starts, the previous runtime of this environment died
 * mid-invocation (a crash, an out-of-memory kill or a timeout). The file is kept open and
 * rewritten in place with one positioned write, so an invocation pays two small syscalls,
 * and nothing is fsynced: a killed process does not lose what it wrote to the page cache.
 */
export const DEFAULT_MARKER_PATH = '/tmp/.thaw/invocation-in-flight';

export interface CrashMarker {
  /** The previous runtime of this environment died while an invocation was running. */
  readonly previousRuntimeCrashed: boolean;
  set(inFlight: boolean): void;
}

const IN_FLIGHT = Buffer.from('1');
const IDLE = Buffer.from('0');

/** Opens the marker (creating it), reads what the previous runtime left, marks idle. */
export function openCrashMarker(path: string): CrashMarker {
  let fd: number;
  let previous = '';
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    fd = openSync(path, 'a+', 0o600);
    const byte = Buffer.alloc(1);
    if (readSync(fd, byte, 0, 1, 0) === 1) previous = byte.toString();
    closeSync(fd);
    fd = openSync(path, 'r+');
    writeSync(fd, IDLE, 0, 1, 0);
  } catch {
    // An unwritable /tmp must not break the function: without a marker, re-inits are not flagged.
    return { previousRuntimeCrashed: false, set: () => undefined };
  }
  const marker = fd;
  return {
    previousRuntimeCrashed: previous === '1',
    set(inFlight) {
      try {
        writeSync(marker, inFlight ? IN_FLIGHT : IDLE, 0, 1, 0);
      } catch {
        // Same as above: losing the marker only loses the re-init flag.
      }
    },
  };
}
