import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BOOTSTRAP_SCRIPT } from './bootstrap-script.js';
import type { LayerCodeCache } from './code-cache.js';
import { PackagingError } from './errors.js';
import { fileEntry } from './file-tree.js';
import { fileCompressedCache, sha256Of } from './compressed-cache.js';
import type { NodeBinary } from './node-binary.js';
import type { ZipEntry } from './zip.js';

export interface RuntimeLayerManifest {
  kind: 'thaw runtime layer';
  compatibleRuntimes: string[];
  runtimeClient: { package: string; version: string };
  /** The Node.js shipped in the layer, or null when the bootstrap uses node from PATH. */
  node: null | { version: string; arch: string; source: string; sha256: string };
  /** The V8 code cache shipped for that Node.js (thaw/<file>), or why there is none. */
  codeCache: { file: string } | { none: string };
}

export interface RuntimeLayer {
  entries: ZipEntry[];
  manifest: RuntimeLayerManifest;
}

/** Where the runtime client's files are, for a layer to copy. */
export function runtimeClientFiles(resolveFrom: string = import.meta.url): { bootstrap: string; launcher: string; version: string } {
  const require = createRequire(resolveFrom);
  try {
    return {
      bootstrap: require.resolve('@thaw/runtime-client/bootstrap'),
      launcher: require.resolve('@thaw/runtime-client/launch'),
      version: (require('@thaw/runtime-client/package.json') as { version: string }).version,
    };
  } catch {
    throw new PackagingError('@thaw/runtime-client is not installed next to thaw: reinstall thaw (it depends on @thaw/runtime-client)');
  }
}

/**
 * Layer for provided.al2023: `bootstrap` (0755) at the root, the bundled runtime client and
 * its launcher in thaw/, and optionally Node.js itself (thaw/node, with its license) with a
 * V8 code cache for it, and a manifest (thaw/runtime.json) recording exactly which Node and
 * runtime client it carries.
 */
export function runtimeLayer(node: NodeBinary | null, codeCache: LayerCodeCache | string, resolveFrom: string = import.meta.url): RuntimeLayer {
  const files = runtimeClientFiles(resolveFrom);
  const nodeBytes = node ? readFileSync(node.path) : null;
  const nodeSha256 = nodeBytes ? sha256Of(nodeBytes) : '';
  const manifest: RuntimeLayerManifest = {
    kind: 'thaw runtime layer',
    compatibleRuntimes: ['provided.al2023', 'provided.al2'],
    runtimeClient: { package: '@thaw/runtime-client', version: files.version },
    node: node && { version: node.version, arch: node.arch, source: node.source, sha256: nodeSha256 },
    codeCache: typeof codeCache === 'string' ? { none: codeCache } : { file: `thaw/${codeCache.fileName}` },
  };
  const entries: ZipEntry[] = [
    fileEntry('bootstrap', Buffer.from(BOOTSTRAP_SCRIPT), 0o755),
    fileEntry('thaw/bootstrap.cjs', readFileSync(files.bootstrap), 0o644),
    fileEntry('thaw/launch.cjs', readFileSync(files.launcher), 0o644),
    fileEntry('thaw/runtime.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o644),
  ];
  if (typeof codeCache !== 'string') entries.push(fileEntry(`thaw/${codeCache.fileName}`, codeCache.data, 0o644));
  if (node && nodeBytes) {
    // The binary never changes for a pinned version: its deflated form is cached beside it.
    entries.push({ ...fileEntry('thaw/node', nodeBytes, 0o755), compressedCache: fileCompressedCache(`${node.path}.thaw-deflate`, nodeSha256) });
    entries.push(fileEntry('thaw/LICENSE.node', readFileSync(node.licensePath), 0o644));
  }
  return { entries, manifest };
}
