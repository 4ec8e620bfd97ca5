export { envVar, type StringOptions, type NumberOptions, type JsonOptions, type UrlOptions } from './kinds.js';
export { defineEnv, type DefineEnvOptions, type EnvConfig } from './define-env.js';
export { parseEnv } from './parse-env.js';
export { EnvConfigError, EnvNotReadyError, type EnvProblem } from './errors.js';
export { InvalidValue, type VarSpec, type VarOptions, type EnvValues, type EnvSpecs } from './spec.js';
