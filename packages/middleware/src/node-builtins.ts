/**
 * Node built-ins that only some calls need, loaded at the first such call instead of at
 * import. An ESM `import ... from 'node:util'` evaluates the public module when this package
 * is imported, on every cold start, even by functions that never register a secret: about
 * 2 ms on Node 20 and 4 ms on Node 24 for node:util alone (bench/middleware/RESULTS.md).
 * process.getBuiltinModule (Node 20.16+) loads one synchronously; the CommonJS build also
 * has require.
 */
type NodeUtil = typeof import('node:util');
type NodeAsyncHooks = typeof import('node:async_hooks');
type NodeFs = typeof import('node:fs');
type NodePath = typeof import('node:path');

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

function load(id: string): unknown {
  const loaded = process.getBuiltinModule?.(id);
  if (loaded !== undefined) return loaded;
  if (typeof require === 'function') return require(id) as unknown;
  throw new Error(`Cannot load ${id}: this Node.js has neither process.getBuiltinModule nor require. Use Node.js 20.16 or later.`);
}
