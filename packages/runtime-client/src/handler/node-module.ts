// Loading CommonJS without node:module. createRequire would load that builtin (and its
// source-map support) before every first /next; the bundled bootstrap is CommonJS and has
// a require of its own, which resolves an absolute path exactly the same way.
type NodeModule = typeof import('node:module');

/** Requires the CommonJS module at the absolute path `file`. */
export function requireFile(file: string): unknown {
  if (typeof require === 'function') return require(file);
  return nodeModule().createRequire(file)(file);
}

/** node:module, loaded on first use (process.getBuiltinModule exists from Node 20.16). */
export function nodeModule(): NodeModule {
  const loaded = process.getBuiltinModule?.('node:module') as NodeModule | undefined;
  if (loaded !== undefined) return loaded;
  if (typeof require === 'function') return require('node:module') as NodeModule;
  throw new Error('Cannot load node:module: this Node.js has neither process.getBuiltinModule nor require. Use Node.js 20.16 or later.');
}
