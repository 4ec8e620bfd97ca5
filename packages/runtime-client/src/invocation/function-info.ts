// The parts of the context that are the same for every invocation of this environment,
// read once by the bootstrap from the environment.
export interface FunctionInfo {
  functionName: string;
  functionVersion: string;
  /** A string, as on the platform (the environment variable's text). */
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
}
