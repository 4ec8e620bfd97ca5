// Loading CommonJS without node:module. createRequire would load that builtin (and its
// source-map support) before every first /next; the bundled bootstrap is CommonJS and has
// a require of its own, which resolves an absolute path exactly the same way.
import { builtin } from '../builtin.js';

/** Requires the CommonJS module at the absolute path `file`. */
export function requireFile(file: string): unknown {
  if (typeof require === 'function') return require(file);
  return builtin('node:module').createRequire(file)(file);
}
