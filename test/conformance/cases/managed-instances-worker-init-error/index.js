// Every worker thread fails its module init the same way; the environment reports it once.
class ConfigError extends Error {
  name = 'ConfigError';
}
throw new ConfigError('TABLE_NAME is not configured');
