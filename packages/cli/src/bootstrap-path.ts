import { createRequire } from 'node:module';

/** The bundled bootstrap of @thaw/runtime-client, run with the same node as the CLI. */
export function runtimeCommand(): string[] {
  const bootstrap = createRequire(import.meta.url).resolve('@thaw/runtime-client/bootstrap');
  return [process.execPath, bootstrap];
}
