// `thaw invoke --node 22|24`: run the function on the Node.js of that Lambda runtime (the
// pinned binary `thaw layer runtime --node` ships, fetched once into the same cache), so it
// behaves as on the managed runtime of that version (Node.js 24 has no callback handlers).
import { UsageError } from './errors.js';
import { nodeBinary } from './packaging/node-binary.js';
import { isNodeMajor, machineLambdaArch, PINNED_NODE, type LambdaArch, type NodeMajor } from './packaging/node-versions.js';
import { createProgress } from './packaging/progress.js';

/** A checked --node choice: the runtime's version and this machine's architecture. */
export interface NodeChoice {
  major: NodeMajor;
  arch: LambdaArch;
}

export interface LambdaNode {
  path: string;
  /** AWS_EXECUTION_ENV of the managed runtime of that version. */
  executionEnv: string;
}

/** Checks the --node value (before anything starts); undefined when none was given. */
export function parseNodeOption(value: string | undefined): NodeChoice | undefined {
  if (value === undefined) return undefined;
  if (!isNodeMajor(value)) throw new UsageError(`--node must be one of ${Object.keys(PINNED_NODE).join(', ')} (the Node.js versions of Lambda's runtimes), got "${value}"`);
  const arch = machineLambdaArch();
  if (arch === undefined) {
    throw new UsageError(`--node runs Lambda's Linux build of Node.js, which cannot run on this ${process.platform}/${process.arch} machine: run thaw itself with Node.js ${value} instead`);
  }
  return { major: value, arch };
}

/** The pinned Node.js binary of that choice, fetched from npm the first time. */
export async function lambdaNode(choice: NodeChoice, quiet: boolean): Promise<LambdaNode> {
  const binary = await nodeBinary(choice.major, choice.arch, createProgress({ silent: quiet }));
  return { path: binary.path, executionEnv: `AWS_Lambda_nodejs${choice.major}.x` };
}
