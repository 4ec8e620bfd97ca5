// Validates startEmulator options and fills in the platform's defaults (those of AWS's emulator).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmulatorOptionsError } from './errors.js';
import { FaultInjector } from './faults.js';
import { LONG_INIT_LIMIT_MS, ON_DEMAND_INIT_LIMIT_MS } from './limits.js';
import type { EmulatorOptions, InitializationType, LogFormat } from './types.js';

export interface ResolvedOptions {
  command: string[];
  handler: string;
  taskRoot: string;
  env: Record<string, string | undefined>;
  inheritEnv: boolean;
  functionName: string;
  functionVersion: string;
  memoryMB: number;
  timeoutMs: number;
  timeoutSeconds: number;
  region: string;
  initializationType: InitializationType;
  /** 1 outside Managed Instances mode. */
  capacity: number;
  managedInstances: boolean;
  eagerInit: boolean;
  initLimitMs: number;
  freeze: boolean;
  logFormat: LogFormat | undefined;
  logLevel: string | undefined;
  host: string;
  port: number;
  onLog: ((line: string, requestId: string | undefined) => void) | undefined;
  faults: FaultInjector | undefined;
}

const INIT_TYPES: readonly InitializationType[] = [
  'on-demand',
  'provisioned-concurrency',
  'snap-start',
  'lambda-managed-instances',
];
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

function fail(message: string): never {
  throw new EmulatorOptionsError(message);
}

function positiveNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(`startEmulator: ${name} must be a positive number of seconds or MB, got ${String(value)}.`);
  }
  return value;
}

function text(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') fail(`startEmulator: ${name} must be a non-empty string.`);
  return value;
}

function resolveCommand(command: unknown): string[] {
  if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string')) {
    fail('startEmulator: command is required: an array of strings such as [process.execPath, "/path/to/bootstrap.cjs"].');
  }
  return [...(command as string[])];
}

// A relative task root is resolved against the caller's cwd: that is what a CLI user means.
function resolveTaskRoot(taskRoot: unknown): string {
  const root = resolve(text('taskRoot', taskRoot, process.cwd()));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    fail(`startEmulator: taskRoot ${root} is not a directory; pass the folder that holds the function code.`);
  }
  return root;
}

function resolveEnv(env: unknown): Record<string, string | undefined> {
  if (env === undefined) return {};
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    fail('startEmulator: env must be an object of string values.');
  }
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && typeof value !== 'string') {
      fail(`startEmulator: env.${key} must be a string (or undefined to remove it), got ${typeof value}.`);
    }
    if (key === 'AWS_LAMBDA_RUNTIME_API') {
      fail('startEmulator: env.AWS_LAMBDA_RUNTIME_API is set by the emulator; remove it from env.');
    }
  }
  return { ...(env as Record<string, string | undefined>) };
}

function resolveConcurrency(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail(`startEmulator: maxConcurrency must be a positive integer (Managed Instances mode), got ${String(value)}.`);
  }
  return value;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('startEmulator: pass an options object with at least `command`.');
  const maxConcurrency = resolveConcurrency(options.maxConcurrency);
  const managedInstances = maxConcurrency !== undefined;
  const initializationType = options.initializationType ?? (managedInstances ? 'lambda-managed-instances' : 'on-demand');
  if (!INIT_TYPES.includes(initializationType)) {
    fail(`startEmulator: initializationType must be one of ${INIT_TYPES.join(', ')}, got ${String(initializationType)}.`);
  }
  if (options.logFormat !== undefined && options.logFormat !== 'Text' && options.logFormat !== 'JSON') {
    fail(`startEmulator: logFormat must be "Text" or "JSON", got ${String(options.logFormat)}.`);
  }
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(String(options.logLevel).toUpperCase())) {
    fail(`startEmulator: logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${String(options.logLevel)}.`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`startEmulator: port must be 0..65535, got ${String(port)}.`);
  if (options.onLog !== undefined && typeof options.onLog !== 'function') fail('startEmulator: onLog must be a function.');
  const timeoutSeconds = positiveNumber('timeoutSeconds', options.timeoutSeconds, 300);
  const memoryMB = positiveNumber('memoryMB', options.memoryMB, 3008);
  if (!Number.isInteger(memoryMB) || memoryMB < 128 || memoryMB > 10240) {
    fail(`startEmulator: memoryMB must be an integer from 128 to 10240, got ${memoryMB}.`);
  }
  const defaultInitLimit = initializationType === 'on-demand' ? ON_DEMAND_INIT_LIMIT_MS : LONG_INIT_LIMIT_MS;
  const handler = text('handler', options.handler, 'index.handler');
  const taskRoot = resolveTaskRoot(options.taskRoot);
  return {
    command: resolveCommand(options.command),
    handler,
    taskRoot,
    env: resolveEnv(options.env),
    inheritEnv: options.inheritEnv === true,
    functionName: text('functionName', options.functionName, 'test_function'),
    functionVersion: text('functionVersion', options.functionVersion, '$LATEST'),
    memoryMB,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    timeoutSeconds,
    region: text('region', options.region, 'us-east-1'),
    initializationType,
    capacity: maxConcurrency ?? 1,
    managedInstances,
    eagerInit: options.eagerInit === true,
    initLimitMs: Math.round(positiveNumber('initTimeoutSeconds', options.initTimeoutSeconds, defaultInitLimit / 1000) * 1000),
    freeze: managedInstances ? false : options.freeze !== false,
    // Managed Instances support only the JSON format; the platform sets it.
    logFormat: options.logFormat ?? (managedInstances ? 'JSON' : undefined),
    logLevel: options.logLevel === undefined ? undefined : String(options.logLevel).toUpperCase(),
    host: text('host', options.host, '127.0.0.1'),
    port,
    onLog: options.onLog,
    faults: options.faults === undefined ? undefined : new FaultInjector(options.faults),
  };
}
