/**
 * Node built-ins that only some calls need, loaded at the first such call instead of at
 * import. An ESM `import ... from 'node:util'` evaluates the public module when this package
 * is imported, on every cold start, even by functions that never register a secret: about
 * 2 ms on Node 20 and 4 ms on Node 24 for node:util alone (bench/middleware/RESULTS.md).
 * process.getBuiltinModule (Node 20.16+, the package's engines floor) loads one synchronously.
 * No `require` fallback: in an ESM bundle it would make esbuild add its require shim, and the
 * bundle would then need a createRequire banner that costs more than the built-in itself.
 */
type NodeUtil = typeof import('node:util');
type NodeAsyncHooks = typeof import('node:async_hooks');
type NodeFs = typeof import('node:fs');
type NodePath = typeof import('node:path');
type NodeStream = typeof import('node:stream');

export function nodeUtil(): NodeUtil {
  return load('node:util') as NodeUtil;
}

export function nodeAsyncHooks(): NodeAsyncHooks {
  return load('node:async_hooks') as NodeAsyncHooks;
}

export function nodeFs(): NodeFs {
  return load('node:fs') as NodeFs;
}

export function nodePath(): NodePath {
  return load('node:path') as NodePath;
}

export function nodeStream(): NodeStream {
  return load('node:stream') as NodeStream;
}

function load(id: string): unknown {
  const loaded = process.getBuiltinModule?.(id);
  if (loaded !== undefined) return loaded;
  throw new Error(`Cannot load ${id}: this Node.js ${process.version} has no process.getBuiltinModule. Use Node.js 20.16 or later.`);
}
