// The runtime's configuration from the environment the platform sets. The bootstrap
// passes process.env in; nothing else reads it. Missing function variables get the
// defaults a local emulator would use: a missing variable must never crash the runtime
// (the official 4.x client crashes without a report).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { digitsValue } from '../digits.js';
import { callbackHandlersSupported } from '../handler/callback-handlers.js';
import type { FunctionInfo } from '../invocation/function-info.js';

export const RUNTIME_VERSION = '0.1.0';

export interface RuntimeConfig {
  host: string;
  port: number;
  handler: string;
  taskRoot: string;
  info: FunctionInfo;
  /** Concurrent loops: AWS_LAMBDA_MAX_CONCURRENCY on Managed Instances, else 1. */
  concurrency: number;
  /** AWS_LAMBDA_MAX_CONCURRENCY is set: /next failures are retried, one failure never ends the process. */
  managedInstances: boolean;
  /** Callback-style handlers and the context's done/succeed/fail run (Node.js 20 and 22, not on Managed Instances). */
  callbackHandlers: boolean;
  /** The major version of the Node.js running the runtime. */
  nodeMajor: number;
  /**
   * Worker threads on Managed Instances: AWS_LAMBDA_NODEJS_WORKER_COUNT, else the platform's
   * default of 8 per CPU; capped at `concurrency`. 0 runs the loops on the main thread, and
   * so does a count of 0 or 1.
   */
  workers: number;
  /** THAW_SHUTDOWN_EXTENSION: register the internal SHUTDOWN extension always, never, or when a hook exists after init. */
  shutdownExtension: 'auto' | 'on' | 'off';
  userAgent: string;
  /** Configuration problems worth a log line (never secrets: only names and shapes). */
  warnings: string[];
}

export class ConfigurationError extends Error {
  /** The stable name to match on: `error.name === 'Runtime.ConfigurationError'`. */
  override readonly name = 'Runtime.ConfigurationError';
}

export function readConfig(
  env: NodeJS.ProcessEnv,
  cwd: string,
  nodeVersion: string = process.versions.node,
  cpus: () => number = availableCpus,
): RuntimeConfig {
  const warnings: string[] = [];
  const { host, port } = parseRuntimeApi(env['AWS_LAMBDA_RUNTIME_API']);
  let handler = env['_HANDLER'];
  if (handler === undefined || handler.trim() === '') {
    handler = 'index.handler';
    warnings.push('_HANDLER is not set; using "index.handler".');
  }
  const functionName = env['AWS_LAMBDA_FUNCTION_NAME'] || 'test_function';
  const functionVersion = env['AWS_LAMBDA_FUNCTION_VERSION'] || '$LATEST';
  const concurrency = parseConcurrency(env['AWS_LAMBDA_MAX_CONCURRENCY'], warnings);
  const managedInstances = concurrency > 1 || managedInstancesIn(env);
  const nodeMajor = Number(nodeVersion.split('.')[0]);
  return {
    host,
    port,
    handler: handler.trim(),
    taskRoot: resolve(cwd, env['LAMBDA_TASK_ROOT'] || cwd),
    info: {
      functionName,
      functionVersion,
      memoryLimitInMB: env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'] || '3008',
      logGroupName: env['AWS_LAMBDA_LOG_GROUP_NAME'] || `/aws/lambda/${functionName}`,
      logStreamName: env['AWS_LAMBDA_LOG_STREAM_NAME'] || `$LATEST`,
    },
    concurrency,
    managedInstances,
    callbackHandlers: callbackHandlersSupported(nodeMajor, managedInstances),
    nodeMajor,
    workers: parseWorkers(env['AWS_LAMBDA_NODEJS_WORKER_COUNT'], concurrency, warnings, cpus),
    shutdownExtension: parseSwitch(env['THAW_SHUTDOWN_EXTENSION'], warnings),
    userAgent: `thaw-runtime-client/${RUNTIME_VERSION} (node ${process.version})`,
    warnings,
  };
}

/** The environment is a Managed Instances one (several invocations at a time may arrive). */
export function managedInstancesIn(env: NodeJS.ProcessEnv): boolean {
  return (env['AWS_LAMBDA_MAX_CONCURRENCY'] ?? '') !== '' || env['AWS_LAMBDA_INITIALIZATION_TYPE'] === 'lambda-managed-instances';
}

function parseRuntimeApi(value: string | undefined): { host: string; port: number } {
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError('AWS_LAMBDA_RUNTIME_API is not set. This program is a Lambda runtime: run it inside Lambda or a Lambda emulator (thaw invoke), which sets AWS_LAMBDA_RUNTIME_API=host:port.');
  }
  const parsed = hostAndPort(value.trim());
  if (parsed === undefined) {
    throw new ConfigurationError(`AWS_LAMBDA_RUNTIME_API must be "host:port" (for example 127.0.0.1:9001); got "${value.slice(0, 100)}".`);
  }
  return parsed;
}

/**
 * `host`, `host:port`, `[ipv6]` or `[ipv6]:port` (port 1-65535, 80 when left out), else
 * undefined. Parsed by hand: a regular expression costs about 0.1 ms to compile at cold start.
 */
export function hostAndPort(text: string): { host: string; port: number } | undefined {
  const close = text.startsWith('[') ? text.indexOf(']') : -1;
  if (close >= 2) {
    const port = portAfter(text, close + 1);
    if (port !== undefined) return { host: text.slice(1, close), port };
  }
  // Not a bracketed address: the host runs up to the first colon.
  const colon = text.indexOf(':');
  const end = colon === -1 ? text.length : colon;
  const port = portAfter(text, end);
  return end > 0 && port !== undefined ? { host: text.slice(0, end), port } : undefined;
}

/** The port in `:NNNNN` from `start` to the end of `text` (80 when nothing follows). */
function portAfter(text: string, start: number): number | undefined {
  if (start === text.length) return 80;
  const digits = text.length - start - 1;
  if (text[start] !== ':' || digits < 1 || digits > 5) return undefined;
  const port = digitsValue(text, start + 1, text.length);
  return port !== undefined && port >= 1 && port <= 65535 ? port : undefined;
}

function parseConcurrency(value: string | undefined, warnings: string[]): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 1024) return n;
  warnings.push(`AWS_LAMBDA_MAX_CONCURRENCY must be a whole number from 1 to 1024; got "${value.slice(0, 20)}". Running one invocation at a time.`);
  return 1;
}

function parseWorkers(value: string | undefined, concurrency: number, warnings: string[], cpus: () => number): number {
  let n: number | undefined;
  if (value !== undefined && value !== '') {
    n = /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN;
    if (!(n >= 0 && n <= 1024)) {
      const instead = concurrency > 1 ? `Using the default, ${DEFAULT_WORKERS_PER_CPU} per CPU.` : 'Ignoring it.';
      warnings.push(`AWS_LAMBDA_NODEJS_WORKER_COUNT must be a whole number from 0 to 1024 (0 or 1: no worker threads); got "${value.slice(0, 20)}". ${instead}`);
      n = undefined;
    }
  }
  if (concurrency === 1) {
    if (n !== undefined && n > 1) warnings.push(`AWS_LAMBDA_NODEJS_WORKER_COUNT=${n} is ignored: it applies to Managed Instances (AWS_LAMBDA_MAX_CONCURRENCY above 1), and this environment runs one invocation at a time.`);
    return 0;
  }
  if (n === undefined) {
    // The platform's default on Managed Instances (what the official client does): 8 worker
    // threads per CPU, each with its own module init. Capped at the concurrency, silently: a
    // worker without a loop would only cost an init and a heap.
    n = Math.min(DEFAULT_WORKERS_PER_CPU * cpus(), concurrency);
  } else if (n > concurrency) {
    warnings.push(`AWS_LAMBDA_NODEJS_WORKER_COUNT=${n} is more than AWS_LAMBDA_MAX_CONCURRENCY=${concurrency}; starting ${concurrency} workers, one invocation each.`);
    n = concurrency;
  }
  return n <= 1 ? 0 : n;
}

function parseSwitch(value: string | undefined, warnings: string[]): 'auto' | 'on' | 'off' {
  if (value === undefined || value === '') return 'auto';
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'on') return 'on';
  if (v === '0' || v === 'false' || v === 'off') return 'off';
  warnings.push(`THAW_SHUTDOWN_EXTENSION must be 1 or 0; got "${value.slice(0, 20)}". Registering the shutdown extension only when a shutdown hook exists after init.`);
  return 'auto';
}

const DEFAULT_WORKERS_PER_CPU = 8;

/**
 * The CPUs this environment may use, counted as the platform's client counts them: the
 * cgroup's cpu.max quota over its period (rounded up); the cores Node.js sees when the quota
 * is "max"; 1 when there is no such file.
 */
export function availableCpus(): number {
  let quota: string | undefined;
  let period: string | undefined;
  try {
    [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
  } catch {
    return 1;
  }
  if (quota === 'max') {
    // node:os is loaded only here, on Managed Instances: a one-at-a-time runtime never needs it.
    const os = process.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
    return Math.max(1, os?.cpus().length ?? 1);
  }
  return Number(quota) > 0 && Number(period) > 0 ? Math.ceil(Number(quota) / Number(period)) : 1;
}
