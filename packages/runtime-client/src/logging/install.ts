import { currentInvocation } from '../invocation/store.js';
import { patchConsole } from './console-patch.js';
import { LOG_LEVELS, parseLogFormat, parseLogLevel, printable, type LogFormat, type Setting } from './levels.js';
import { createLogger } from './logger.js';
import { takeTelemetryFd } from './telemetry-fd.js';

let installedFormat: LogFormat = 'Text';

/** The format installLogging chose; the runtime's error entries differ by format. */
export function activeLogFormat(): LogFormat {
  return installedFormat;
}

/**
 * Sets up logging for the runtime process: patches console from the AWS_LAMBDA_LOG_FORMAT,
 * AWS_LAMBDA_LOG_LEVEL and _LAMBDA_TELEMETRY_LOG_FD settings in `env` (and removes the
 * telemetry variable from it). Managed Instances log in JSON only. Called first by the
 * bootstrap so that init-phase logs are formatted too. Cheap: no I/O beyond one fstat when a
 * telemetry fd is given.
 */
export function installLogging(env: NodeJS.ProcessEnv, managedInstances: boolean): void {
  const level = parseLogLevel(env['AWS_LAMBDA_LOG_LEVEL']);
  const format = managedInstances ? managedInstancesFormat(env['AWS_LAMBDA_LOG_FORMAT']) : parseLogFormat(env['AWS_LAMBDA_LOG_FORMAT']);
  const telemetry = takeTelemetryFd(env);
  installedFormat = format.value;
  const logger = createLogger({
    format: format.value,
    minLevel: level.value,
    fd: telemetry.fd ?? 1,
    framed: telemetry.fd !== undefined,
    scope: currentInvocation,
  });
  patchConsole(console, logger);
  // Configuration mistakes are reported whatever the level filter says: a filter that
  // hides the news that the filter is wrong helps nobody.
  for (const warning of [level.warning, format.warning, telemetry.warning]) {
    if (warning) logger.log(LOG_LEVELS.WARN, [warning]);
  }
}

/** Managed Instances support only the JSON format: the platform sets it and it cannot be changed. */
function managedInstancesFormat(raw: string | undefined): Setting<LogFormat> {
  if (raw === undefined || raw.trim() === '' || raw.trim().toUpperCase() === 'JSON') return { value: 'JSON' };
  return { value: 'JSON', warning: `AWS_LAMBDA_LOG_FORMAT "${printable(raw.trim())}" is ignored: Managed Instances log in the JSON format only.` };
}
