// Node.js builtins that the first /next does not need, loaded on first use. A top-level
// import of one puts a require() at the top of the bundle, and some are costly to load:
// node:worker_threads took 1.2-1.6 ms on a cold Node 24 here (after node:net), node:module
// 0.2 ms. process.getBuiltinModule exists from Node 20.16; the bundle's require otherwise.
type Builtins = {
  'node:module': typeof import('node:module');
  'node:worker_threads': typeof import('node:worker_threads');
};

/** The builtin `id`, loaded now if nothing loaded it yet. */
export function builtin<Id extends keyof Builtins>(id: Id): Builtins[Id] {
  const loaded = process.getBuiltinModule?.(id) as Builtins[Id] | undefined;
  if (loaded !== undefined) return loaded;
  if (typeof require === 'function') return require(id) as Builtins[Id];
  throw new Error(`Cannot load ${id}: this Node.js has neither process.getBuiltinModule nor require. Use Node.js 20.16 or later.`);
}
