// The runtime layer's entry point (bundled into dist/launch.cjs, beside dist/bootstrap.cjs).
// It runs the bootstrap from a V8 code cache made for this exact Node.js build when the layer
// ships one (`thaw layer runtime` makes it by running one invocation), which spares the
// first /next the parsing and compiling of the runtime's code. Without a usable cache it
// requires the bootstrap, exactly as running it directly does.
// THAW_CODE_CACHE_WRITE=<dir> (set only by makeCodeCache) writes the cache at exit instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { codeCacheFile, packCodeCache, v8DataFor } from './cache-file.js';

declare const __dirname: string;

const bootstrap = join(__dirname, 'bootstrap.cjs');
const writeDir = process.env['THAW_CODE_CACHE_WRITE'];
delete process.env['THAW_CODE_CACHE_WRITE'];

function readCache(): Buffer | undefined {
  try {
    return readFileSync(codeCacheFile(bootstrap));
  } catch {
    return undefined;
  }
}

/** The runtime still starts, only without the head start: say so once, plainly. */
function warn(why: string): void {
  process.stderr.write(`thaw: the V8 code cache ${codeCacheFile(bootstrap)} was not used (${why}); starting without it.\n`);
}

function runCompiled(source: Buffer, cache: Buffer | undefined): void {
  const vm = require('node:vm') as typeof import('node:vm');
  const cachedData = cache === undefined ? undefined : v8DataFor(cache, source);
  if (cache !== undefined && cachedData === undefined) warn('it was made from another bootstrap.cjs: rebuild the layer');
  // The same wrapper Node gives a CommonJS module, on the source's first line so that line
  // numbers in stack traces stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: bootstrap,
    cachedData,
    // The bootstrap import()s ES module handlers.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData !== undefined && script.cachedDataRejected === true) {
    warn('V8 rejected it: it was made by another Node.js build or with other V8 flags (check NODE_OPTIONS)');
  }
  if (writeDir !== undefined) {
    // At exit V8 has compiled everything init and the first invocation ran: all of it is kept.
    process.once('exit', () => writeFileSync(join(writeDir, basename(codeCacheFile(bootstrap))), packCodeCache(source, script.createCachedData())));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, require, module, bootstrap, __dirname);
}

// Node 20 loses vm's dynamic-import option when code comes from a cache (ES module handlers
// would fail to load), and Lambda's own runtimes are 22 and 24: older Nodes run the plain file.
const supported = Number(process.versions.node.split('.')[0]) >= 22;

const cache = writeDir === undefined ? readCache() : undefined;
if ((cache !== undefined || writeDir !== undefined) && supported) runCompiled(readFileSync(bootstrap), cache);
else {
  if (writeDir !== undefined) process.stderr.write(`thaw: code caches need Node.js 22 or later; this is ${process.version}.\n`);
  require(bootstrap);
}
