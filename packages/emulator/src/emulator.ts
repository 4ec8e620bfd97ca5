// startEmulator: the local Lambda (see docs/contracts.md for the contract).
import type { AddressInfo } from 'node:net';
import { Extensions } from './extensions.js';
import { Invocation, type StreamListener } from './invocation.js';
import { eventBytes, invocationContext } from './invocation-input.js';
import { resolveOptions } from './options.js';
import { Sandbox } from './sandbox.js';
import { createEmulatorServer } from './server.js';
import type { Emulator, EmulatorOptions, InvokeOptions, InvokeResult } from './types.js';

function chunkListener(onChunk: ((chunk: Buffer) => void) | undefined): StreamListener | undefined {
  if (!onChunk) return undefined;
  return {
    start() {},
    chunk(data) {
      try {
        onChunk(data);
      } catch {
        // The caller's callback failing must not break the invocation.
      }
      return true;
    },
    async drained() {},
  };
}

/** Starts a local Lambda: an HTTP server for the Runtime API and the invoke endpoint on `host:port`, and (at the first invocation, or at once with `eagerInit`) the runtime process given by `command`. Throws `EmulatorOptionsError` for a bad option. Always `close()` it. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const extensions = new Extensions();
  // The address is known only after listen(); the sandbox reads it when it spawns a runtime.
  let runtimeApi = '';
  const sandbox = new Sandbox(resolved, () => runtimeApi, extensions);
  const server = createEmulatorServer(sandbox, resolved.functionVersion, resolved.faults);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  runtimeApi = `${host}:${address.port}`;
  sandbox.start();
  let closing: Promise<void> | undefined;

  return {
    runtimeApi,
    invokeUrl: `http://${runtimeApi}/2015-03-31/functions/function/invocations`,
    invoke(event?: unknown, invokeOptions: InvokeOptions = {}): Promise<InvokeResult> {
      try {
        const invocation = new Invocation(eventBytes(event), invocationContext(invokeOptions), chunkListener(invokeOptions.onChunk));
        sandbox.submit(invocation);
        return invocation.result;
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    initTraffic() {
      return [...sandbox.initTraffic];
    },
    close() {
      closing ??= (async () => {
        await sandbox.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
