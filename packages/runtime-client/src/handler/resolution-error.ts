// The error Node gives when a module cannot be resolved. The official client's
// Runtime.ImportModuleError message is String() of exactly this error
// ("Error: Cannot find module 'x'\nRequire stack:\n- ..."), so we ask Node for it rather
// than writing the text ourselves.
import { join } from 'node:path';
import { builtin } from '../builtin.js';

/**
 * Resolves the module's last name from the task root and its directory, as the official
 * client does, and returns the failure. `module` is _HANDLER's module part ("src/app").
 */
export function resolutionError(taskRoot: string, module: string): Error {
  const slash = module.lastIndexOf('/');
  const name = module.slice(slash + 1);
  const paths = [taskRoot, join(taskRoot, module.slice(0, Math.max(slash, 0)))];
  try {
    if (typeof require === 'function') require.resolve(name, { paths });
    else builtin('node:module').createRequire(join(taskRoot, 'noop.js')).resolve(name, { paths });
  } catch (error) {
    if (error instanceof Error) return error;
  }
  // Node found something our lookup refused (a directory named like the module, say).
  return Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
}
