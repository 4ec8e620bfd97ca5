/** metrics() was given an option it cannot use, or has no namespace to write to. */
export class InvalidMetricsOptionError extends TypeError {
  override readonly name = 'InvalidMetricsOptionError';
}
