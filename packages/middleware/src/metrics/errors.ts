/** metrics() was given an option it cannot use, or has no namespace to write to. */
export class InvalidMetricsOptionError extends TypeError {
  /** The stable name to match on: `error.name === 'InvalidMetricsOptionError'`. */
  override readonly name = 'InvalidMetricsOptionError';
}
