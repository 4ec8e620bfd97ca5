// The V8 code cache a runtime layer ships for its own Node.js (see @thaw/runtime-client's
// launch.cjs): made once by running one invocation on that Node.js, then kept beside the
// cached binary, keyed by the bootstrap's hash, so that rebuilding the same layer gives the
// same bytes (V8's output differs from run to run, and a changed zip means a new layer
// version on every deploy).
import { makeCodeCache } from '@thaw/runtime-client/code-cache';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256Of } from './compressed-cache.js';
import type { NodeBinary } from './node-binary.js';
import { LAMBDA_ARCHS, machineLambdaArch } from './node-versions.js';

export interface LayerCodeCache {
  /** File name beside thaw/bootstrap.cjs. */
  fileName: string;
  data: Buffer;
}

/** Why a layer ships no code cache, or undefined when it can have one. */
export function codeCacheUnavailable(node: NodeBinary): string | undefined {
  if (machineLambdaArch() !== node.arch) {
    return `the layer's Node.js (${node.arch}) cannot run on this ${process.platform}/${process.arch} machine to make one`;
  }
  return undefined;
}

/** The code cache for `bootstrap` (its bytes) on `node`: the kept one, or a new one. */
export async function layerCodeCache(node: NodeBinary, bootstrap: Buffer): Promise<LayerCodeCache> {
  const kept = join(dirname(dirname(node.path)), 'code-cache', `${sha256Of(bootstrap)}.cache`);
  const fileName = `bootstrap.cjs.v${node.version}-${LAMBDA_ARCHS[node.arch]}.cache`;
  if (existsSync(kept)) return { fileName, data: readFileSync(kept) };
  const made = await makeCodeCache(node.path);
  if (made.fileName !== fileName) throw new Error(`the code cache made with ${node.path} is named ${made.fileName}, expected ${fileName}: is this the Node.js ${node.version} it claims to be?`);
  mkdirSync(dirname(kept), { recursive: true });
  // Written under a temporary name and renamed: a build running at the same time never reads half a file.
  const temporary = `${kept}.${process.pid}`;
  try {
    writeFileSync(temporary, made.data);
    renameSync(temporary, kept);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return made;
}
