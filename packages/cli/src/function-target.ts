import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface FunctionTarget {
  /** LAMBDA_TASK_ROOT: the directory the handler path is relative to. */
  taskRoot: string;
  /** _HANDLER, e.g. `index.handler` or `src/app.main`. */
  handler: string;
}

/**
 * Turns `thaw invoke <dir or file> [--handler file.fn]` into a task root and handler.
 * A file means "this module, export `handler`" unless --handler says otherwise.
 */
export function resolveTarget(path: string | undefined, handlerOption: string | undefined): FunctionTarget {
  if (!path) throw new UsageError('missing the function: give a directory or a file, e.g. `thaw invoke examples/hello`');
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError(`${path} does not exist: give the function's directory or its handler file`);
  const isFile = statSync(absolute).isFile();
  const taskRoot = isFile ? dirname(absolute) : absolute;
  const fromFile = isFile ? `${basename(absolute, extname(absolute))}.handler` : 'index.handler';
  const handler = handlerOption ?? fromFile;
  checkHandlerShape(handler);
  return { taskRoot, handler };
}

function checkHandlerShape(handler: string): void {
  const last = handler.slice(handler.lastIndexOf('/') + 1);
  if (handler.includes('..') || !last.includes('.') || last.startsWith('.') || last.endsWith('.')) {
    throw new UsageError(`--handler "${handler}" is malformed: use <module path>.<export>, e.g. index.handler or src/app.main`);
  }
}
