class ConfigError extends Error { constructor(m) { super(m); this.name = 'ConfigError'; } }
throw new ConfigError('TABLE_NAME is not configured');
