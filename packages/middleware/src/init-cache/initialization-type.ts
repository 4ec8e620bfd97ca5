/**
 * AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', 'provisioned-concurrency', 'snap-start' or
 * 'lambda-managed-instances'. Outside Lambda it is unset and we assume on-demand.
 */
export function currentInitializationType(): string {
  return process.env.AWS_LAMBDA_INITIALIZATION_TYPE || 'on-demand';
}

/** Inits that may run long before the first invocation, so init-time values may be old. */
export function initMayPrecedeFirstUse(initializationType: string): boolean {
  return initializationType === 'provisioned-concurrency' || initializationType === 'snap-start';
}
