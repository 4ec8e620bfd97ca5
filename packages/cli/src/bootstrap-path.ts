import { createRequire } from 'node:module';

/** The bundled bootstrap of @thaw/runtime-client, run with `node` (by default the CLI's own). */
export function runtimeCommand(node: string = process.execPath): string[] {
  const bootstrap = createRequire(import.meta.url).resolve('@thaw/runtime-client/bootstrap');
  return [node, bootstrap];
}
