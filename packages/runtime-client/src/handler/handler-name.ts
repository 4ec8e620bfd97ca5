// Splits _HANDLER ("path/to/module.export.path") the way the platform does: the module is
// everything up to the first "." of the last path segment, the rest a dotted property path.
// Refusals carry the official client's messages verbatim; our advice is an explanation.
import { MalformedHandlerNameError } from './errors.js';
import { explained } from './explanation.js';

export interface HandlerName {
  /** Relative module path without extension, e.g. "src/app" or a package name. */
  module: string;
  /** Property path on the module, e.g. ["handlers", "get"]. */
  exportPath: string[];
}

const ADVICE = 'Set _HANDLER to "file.export" (for example "index.handler" or "src/app.handlers.get").';

export function parseHandlerName(handler: string): HandlerName {
  if (handler.includes('..')) {
    throw explained(
      new MalformedHandlerNameError(`'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`),
      `_HANDLER '${handler}' must not contain "..". ${ADVICE}`,
    );
  }
  const slash = handler.lastIndexOf('/');
  const segment = handler.slice(slash + 1);
  const dot = segment.indexOf('.');
  if (dot < 0) {
    throw explained(new MalformedHandlerNameError('Bad handler'), `_HANDLER '${handler}' names no export (no "." in "${segment}"). ${ADVICE}`);
  }
  // An empty module name would make the platform import the task root directory itself;
  // refusing it here says why. An empty export name is left to the export lookup, which
  // reports it as not exported, as the platform does.
  if (dot === 0) {
    throw explained(new MalformedHandlerNameError('Bad handler'), `_HANDLER '${handler}' names no module before the ".". ${ADVICE}`);
  }
  return { module: handler.slice(0, slash + 1) + segment.slice(0, dot), exportPath: segment.slice(dot + 1).split('.') };
}
