// The environment the platform gives a runtime process, and nothing of the emulator's own
// environment beyond PATH and HOME (unless asked): a function that works here must not depend
// on a variable that Lambda does not set.
import { randomBytes } from 'node:crypto';
import type { ResolvedOptions } from './options.js';

function logStreamName(version: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

function nodeExecutionEnv(): string {
  const major = process.versions.node.split('.')[0];
  return `AWS_Lambda_nodejs${major}.x`;
}

export function runtimeEnvironment(options: ResolvedOptions, runtimeApi: string): Record<string, string> {
  const base: Record<string, string | undefined> = options.inheritEnv
    ? { ...process.env }
    : { PATH: process.env.PATH, HOME: process.env.HOME };
  const platform: Record<string, string | undefined> = {
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    _HANDLER: options.handler,
    LAMBDA_TASK_ROOT: options.taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: options.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMB),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(options.functionVersion, new Date()),
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_LAMBDA_INITIALIZATION_TYPE: options.initializationType,
    AWS_EXECUTION_ENV: nodeExecutionEnv(),
    AWS_LAMBDA_LOG_FORMAT: options.logFormat,
    AWS_LAMBDA_LOG_LEVEL: options.logLevel,
    AWS_LAMBDA_MAX_CONCURRENCY: options.managedInstances ? String(options.capacity) : undefined,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
  // User variables come last so that a test can override or remove (undefined) any of them;
  // the Runtime API address is the one exception (refused by option validation).
  const merged = { ...base, ...platform, ...options.env, AWS_LAMBDA_RUNTIME_API: runtimeApi };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}
