export { REDACTED, MIN_SECRET_LENGTH, registerSecret, redact, containsSecret, hasSecrets, clearSecrets } from './registry.js';
export { redactConsole, redactArgs } from './console.js';
export { redactError } from './errors.js';
export { withRedaction, redactLogger, redactingReplacer } from './powertools.js';
