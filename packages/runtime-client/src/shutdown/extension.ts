// The runtime's internal extension (Extensions API 2020-01-01). Registering one is what
// makes the platform announce a shutdown at all: without an extension the process is
// killed with no notice; with one it gets the SHUTDOWN event and SIGTERM, then 500 ms.
// The event long poll runs in the background and never delays the runtime loop.
import { extensionRequest } from './extension-http.js';

export const EXTENSION_NAME = 'thaw-runtime-shutdown';
const BASE = '/2020-01-01/extension';

export interface ExtensionEndpoint {
  host: string;
  port: number;
}

/** Registers for SHUTDOWN; resolves with the extension id, or undefined (with a WARN line) when refused. */
export async function registerShutdownExtension(endpoint: ExtensionEndpoint): Promise<string | undefined> {
  const why = 'Shutdown hooks will run only if SIGTERM arrives.';
  try {
    const answer = await extensionRequest({
      ...endpoint,
      method: 'POST',
      path: `${BASE}/register`,
      headers: { 'Lambda-Extension-Name': EXTENSION_NAME, 'Content-Type': 'application/json' },
      body: '{"events":["SHUTDOWN"]}',
      background: false,
    });
    const id = answer.headers['lambda-extension-identifier'];
    if (answer.status === 200 && id) return id;
    console.warn(`The Extensions API refused to register the internal shutdown extension (${answer.status}: ${answer.body.toString('utf8', 0, Math.min(answer.body.length, 300))}). ${why}`);
  } catch (error) {
    console.warn(`Could not register the internal shutdown extension: ${(error as Error).message}. ${why}`);
  }
  return undefined;
}

/** Waits in the background for the SHUTDOWN event and calls `onShutdown` once with its reason and deadline. */
export function watchForShutdown(endpoint: ExtensionEndpoint, id: string, onShutdown: (reason: string, deadlineMs: number) => void): void {
  const poll = (): void => {
    extensionRequest({ ...endpoint, method: 'GET', path: `${BASE}/event/next`, headers: { 'Lambda-Extension-Identifier': id }, background: true }).then(
      (answer) => {
        let event: { eventType?: unknown; shutdownReason?: unknown; deadlineMs?: unknown } = {};
        try {
          event = JSON.parse(answer.body.toString('utf8')) as typeof event;
        } catch {
          // Reported below with the status.
        }
        if (answer.status === 200 && event.eventType === 'SHUTDOWN') {
          const deadlineMs = typeof event.deadlineMs === 'number' && event.deadlineMs > 0 ? event.deadlineMs : Date.now() + 500;
          onShutdown(typeof event.shutdownReason === 'string' ? event.shutdownReason : 'unknown', deadlineMs);
        } else if (answer.status === 200) {
          poll();
        } else {
          console.warn(`The Extensions API answered ${answer.status} to the shutdown extension's event/next; the SHUTDOWN notice will not be received.`);
        }
      },
      (error: unknown) => {
        console.warn(`The shutdown extension lost its connection (${(error as Error).message}); the SHUTDOWN notice will not be received.`);
      },
    );
  };
  poll();
}
