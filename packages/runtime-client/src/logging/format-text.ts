import { format } from 'node:util';
import type { LogLevel } from './levels.js';

/**
 * The Text format: `timestamp<TAB>requestId<TAB>LEVEL<TAB>message`, the message built by
 * util.format exactly as console.log would build it (printf placeholders, inspect for
 * objects). Line breaks are left to the sink: stdout must fold them, a telemetry frame
 * need not (the frame already delimits the entry).
 */
export function formatText(timestamp: string, requestId: string, level: LogLevel, args: readonly unknown[]): string {
  return `${timestamp}\t${requestId}\t${level.name}\t${format(...args)}`;
}
