// The runtimes under test. Each is started the way Lambda starts it: a node process with
// the platform's environment, the task root as cwd, and nothing else inherited (no
// NODE_OPTIONS leaking in from the shell that runs the benchmark).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { officialEntry, OFFICIAL_VERSION } from '../official.mjs';
import { launcherFor, preparedLauncher } from './code-cache.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
export const TASK_ROOT = join(here, '..', 'fixtures');
export const THAW_BOOTSTRAP = join(repoRoot, 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');

/** The environment the platform gives every runtime, plus `extra`. */
export function lambdaEnv(runtimeApi, handler, extra = {}) {
  return {
    PATH: process.env.PATH,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    _HANDLER: handler,
    LAMBDA_TASK_ROOT: TASK_ROOT,
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '3008',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/bench',
    AWS_LAMBDA_LOG_STREAM_NAME: '2025/01/01/[$LATEST]bench',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    TZ: ':UTC',
    ...extra,
  };
}

/**
 * Builds the contender list for one node binary. `officialNode` is the node used to install
 * the official client (Node 22+). A contender that cannot run says why in `unavailable`.
 */
export function contenders({ skipOfficial = false, officialNode } = {}) {
  const list = [
    {
      id: 'thaw', label: 'thaw bootstrap', streaming: true, concurrency: true,
      command: (node) => [node, THAW_BOOTSTRAP],
      unavailable: existsSync(THAW_BOOTSTRAP) ? undefined : `${THAW_BOOTSTRAP} is missing; run: npx -y pnpm@10.34.9 --filter @thaw/runtime-client build`,
    },
    {
      // Managed Instances only: the same runtime with every loop on the main thread (one module
      // init, one heap) instead of the platform's default of 8 worker threads per CPU.
      id: 'thaw-one-thread', label: 'thaw bootstrap, one thread (AWS_LAMBDA_NODEJS_WORKER_COUNT=1)', streaming: false, concurrency: true, concurrencyOnly: true,
      env: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' },
      command: (node) => [node, THAW_BOOTSTRAP],
      unavailable: existsSync(THAW_BOOTSTRAP) ? undefined : `${THAW_BOOTSTRAP} is missing; run: npx -y pnpm@10.34.9 --filter @thaw/runtime-client build`,
    },
    {
      // Cold start only: once started, it is the same runtime as the first row.
      id: 'thaw-cached', label: 'thaw + code cache (runtime layer)', streaming: false, concurrency: false, coldOnly: true,
      prepare: (node, version) => preparedLauncher(repoRoot, join(here, '..', '..'), node, version),
      command: (node) => [node, launcherFor(node)],
      unavailable: existsSync(THAW_BOOTSTRAP) ? undefined : `${THAW_BOOTSTRAP} is missing; run: npx -y pnpm@10.34.9 --filter @thaw/runtime-client build`,
    },
    {
      id: 'official', label: `aws-lambda-ric ${OFFICIAL_VERSION}`, streaming: true, concurrency: true,
      command: (node) => [node, officialEntryOnce(officialNode)],
      unavailable: skipOfficial ? 'skipped (--skip-official)' : undefined,
    },
    {
      id: 'bare', label: 'bare node:http loop', streaming: false, concurrency: true,
      command: (node) => [node, join(here, 'bare-loop.mjs')],
    },
  ];
  return list;
}

let official;
function officialEntryOnce(node) {
  official ??= officialEntry(node);
  return official;
}
