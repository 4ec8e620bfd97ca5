// Splits _HANDLER ("path/to/module.export.path") the way the platform does: the module is
// everything up to the first "." of the last path segment, the rest a dotted property path.
import { MalformedHandlerNameError } from './errors.js';

export interface HandlerName {
  /** Relative module path without extension, e.g. "src/app" or a package name. */
  module: string;
  /** Property path on the module, e.g. ["handlers", "get"]. */
  exportPath: string[];
}

export function parseHandlerName(handler: string): HandlerName {
  const advice = 'Set _HANDLER to "file.export" (for example "index.handler" or "src/app.handlers.get").';
  if (handler.includes('..')) {
    throw new MalformedHandlerNameError(`'${handler}' is not a valid handler name: it must not contain "..". ${advice}`);
  }
  const slash = handler.lastIndexOf('/');
  const segment = handler.slice(slash + 1);
  const dot = segment.indexOf('.');
  if (dot < 0) {
    throw new MalformedHandlerNameError(`'${handler}' is not a valid handler name: it names no export (no "." in "${segment}"). ${advice}`);
  }
  const module = handler.slice(0, slash + 1) + segment.slice(0, dot);
  const exportPath = segment.slice(dot + 1).split('.');
  if (segment.slice(0, dot) === '' || exportPath.some((part) => part === '')) {
    throw new MalformedHandlerNameError(`'${handler}' is not a valid handler name: the module or an export name is empty. ${advice}`);
  }
  return { module, exportPath };
}
