export { decryptEnv, type DecryptEnvOptions, type DecryptedEnv, type SecretValues } from './decrypt-env.js';
export { KmsDecryptionError } from './errors.js';
export type { ContextMode, KmsOptions, RetryOptions, KmsClientLike } from './options.js';
