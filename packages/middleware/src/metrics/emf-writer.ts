import type { Metrics } from '@aws-lambda-powertools/metrics';
import { writeLine } from '../logging/write-line.js';
import { fastMetricsOf } from './fast-metrics.js';

/**
 * Writes the stored metrics as one EMF line, exactly what `publishStoredMetrics()` prints,
 * for less: the line is serialized by Powertools (`serializeMetrics()`, so the format is
 * theirs) and written with one synchronous write (write-line.ts) instead of going through
 * a `Console`, and an invocation that recorded nothing writes nothing instead of a warning.
 * Stdout is a pipe or a file on Lambda, where Node writes synchronously: the line is out
 * before the response is sent, even if the environment is frozen right after.
 */
export function flushMetrics(metrics: Metrics): boolean {
  // With the fast path installed (fast-metrics.ts) the metrics are held there.
  const fast = fastMetricsOf(metrics);
  if (fast !== undefined) return fast.flush();
  let written = false;
  try {
    if (metrics.hasStoredMetrics() && !isDisabled(metrics)) {
      writeLine(process.stdout, JSON.stringify(metrics.serializeMetrics()) + '\n');
      written = true;
    }
  } finally {
    // What publishStoredMetrics() clears, so the next invocation starts empty either way.
    metrics.clearMetrics();
    metrics.clearDimensions();
    metrics.clearMetadata();
  }
  return written;
}

/** POWERTOOLS_METRICS_DISABLED (or dev mode) turns output off; the method is protected in the types. */
function isDisabled(metrics: Metrics): boolean {
  return (metrics as unknown as { isDisabled(): boolean }).isDisabled();
}
