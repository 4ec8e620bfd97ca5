// The real bootstrap under the real emulator, with the planted secrets in its environment
// and every line it prints captured.
import { startEmulator, type Emulator, type EmulatorOptions, type InvokeResult } from '@thaw/emulator';
import { Capture } from './capture.js';
import { BOOTSTRAP } from './paths.js';
import { plantedEnvironment } from './planted.js';

export interface Runtime {
  emulator: Emulator;
  capture: Capture;
  /** With `keepLines`: every line printed (the first 100,000), with the invocation it was attributed to. */
  lines: Array<{ line: string; requestId: string | undefined }>;
  close(): Promise<void>;
}

export type RuntimeOptions = Omit<EmulatorOptions, 'command' | 'onLog'> & {
  captureAs: string;
  /** Keep the printed lines in memory for the test (off for soaks: they would be counted as growth). */
  keepLines?: boolean;
  /** Node flags for the runtime process, e.g. --expose-gc. */
  nodeArgs?: string[];
};

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { captureAs, env, keepLines = false, nodeArgs = [], ...rest } = options;
  const capture = new Capture(captureAs);
  const lines: Runtime['lines'] = [];
  const emulator = await startEmulator({
    ...rest,
    command: [process.execPath, ...nodeArgs, BOOTSTRAP],
    env: { ...plantedEnvironment(), ...env },
    onLog: (line, requestId) => {
      capture.line(line);
      if (keepLines && lines.length < 100_000) lines.push({ line, requestId });
    },
  });
  return {
    emulator,
    capture,
    lines,
    async close() {
      await emulator.close();
      capture.flush();
    },
  };
}

/**
 * Invokes `count` times with at most `window` invocations outstanding (the emulator queues
 * them; the runtime still takes them one by one unless it runs concurrent loops), handing
 * each result to `check` in completion order.
 */
export async function pipelined(
  emulator: Emulator,
  count: number,
  window: number,
  event: (index: number) => unknown,
  check: (result: InvokeResult, index: number) => void,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      check(await emulator.invoke(event(index)), index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
}
