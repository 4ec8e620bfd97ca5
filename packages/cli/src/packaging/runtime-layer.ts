import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BOOTSTRAP_SCRIPT } from './bootstrap-script.js';
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
}

export interface RuntimeLayer {
  entries: ZipEntry[];
  manifest: RuntimeLayerManifest;
}

/**
 * Layer for provided.al2023: `bootstrap` (0755) at the root, the bundled runtime client in
 * thaw/, and optionally Node.js itself (thaw/node, with its license) and a manifest
 * (thaw/runtime.json) recording exactly which Node and runtime client it carries.
 */
export function runtimeLayer(node: NodeBinary | null, resolveFrom: string = import.meta.url): RuntimeLayer {
  const require = createRequire(resolveFrom);
  let bootstrapPath: string;
  let clientVersion: string;
  try {
    bootstrapPath = require.resolve('@thaw/runtime-client/bootstrap');
    clientVersion = (require('@thaw/runtime-client/package.json') as { version: string }).version;
  } catch {
    throw new PackagingError('@thaw/runtime-client is not installed next to thaw: reinstall thaw (it depends on @thaw/runtime-client)');
  }
  const nodeBytes = node ? readFileSync(node.path) : null;
  const nodeSha256 = nodeBytes ? sha256Of(nodeBytes) : '';
  const manifest: RuntimeLayerManifest = {
    kind: 'thaw runtime layer',
    compatibleRuntimes: ['provided.al2023', 'provided.al2'],
    runtimeClient: { package: '@thaw/runtime-client', version: clientVersion },
    node: node && { version: node.version, arch: node.arch, source: node.source, sha256: nodeSha256 },
  };
  const entries: ZipEntry[] = [
    fileEntry('bootstrap', Buffer.from(BOOTSTRAP_SCRIPT), 0o755),
    fileEntry('thaw/bootstrap.cjs', readFileSync(bootstrapPath), 0o644),
    fileEntry('thaw/runtime.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o644),
  ];
  if (node && nodeBytes) {
    // The binary never changes for a pinned version: its deflated form is cached beside it.
    entries.push({ ...fileEntry('thaw/node', nodeBytes, 0o755), compressedCache: fileCompressedCache(`${node.path}.thaw-deflate`, nodeSha256) });
    entries.push(fileEntry('thaw/LICENSE.node', readFileSync(node.licensePath), 0o644));
  }
  return { entries, manifest };
}
