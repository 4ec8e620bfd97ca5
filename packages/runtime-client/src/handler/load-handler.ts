// _HANDLER to a callable function: parse the name, find and load the module, walk the
// export path (on the module, then on its default export). Errors carry the official
// client's types and messages; our diagnosis is attached with explained().
import { HandlerNotFoundError, ImportModuleError } from './errors.js';
import { explained } from './explanation.js';
import { parseHandlerName } from './handler-name.js';
import { loadModule } from './load-module.js';
import { locateModule } from './locate-module.js';
import { resolutionError } from './resolution-error.js';

export type AnyFunction = (...args: never[]) => unknown;

export interface LoadedHandler {
  handler: AnyFunction;
  file: string;
}

export async function loadHandler(taskRoot: string, handlerName: string): Promise<LoadedHandler> {
  const { module, exportPath } = parseHandlerName(handlerName);
  const located = locateModule(taskRoot, module);
  if (located === undefined) {
    throw explained(
      new ImportModuleError(resolutionError(taskRoot, module)),
      `Cannot find module '${module}' for handler '${handlerName}': no file ${module}, ${module}.js, ${module}.mjs or ${module}.cjs in ${taskRoot}, and no package of that name. Check _HANDLER and the function's files.`,
    );
  }
  const exports = await loadModule(located.file);
  // Falsy values count as missing, as on the platform (an export of 0 or '' is "undefined").
  const value = walk(exports, exportPath) || walk((exports as { default?: unknown }).default, exportPath);
  if (!value) {
    const available = exportNames(exports);
    throw explained(
      new HandlerNotFoundError(`${handlerName} is undefined or not exported`),
      `${located.file} ${available.length > 0 ? `exports ${available.slice(0, 20).join(', ')}` : 'exports nothing'}, not ${exportPath.join('.')}. Export the handler or fix _HANDLER.`,
    );
  }
  if (typeof value !== 'function') {
    throw explained(
      new HandlerNotFoundError(`${handlerName} is not a function`),
      `In ${located.file}, ${exportPath.join('.')} is a ${typeof value}. Export a function as the handler.`,
    );
  }
  return { handler: value as AnyFunction, file: located.file };
}

function walk(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function exportNames(exports: unknown): string[] {
  if (typeof exports !== 'object' && typeof exports !== 'function') return [];
  if (exports === null) return [];
  return Object.keys(exports);
}
