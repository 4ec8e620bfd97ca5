// Names of the /next answer headers this layer reads (the transport lower-cases them).
export const REQUEST_ID = 'lambda-runtime-aws-request-id';
export const DEADLINE_MS = 'lambda-runtime-deadline-ms';
export const FUNCTION_ARN = 'lambda-runtime-invoked-function-arn';
export const TRACE_ID = 'lambda-runtime-trace-id';
export const CLIENT_CONTEXT = 'lambda-runtime-client-context';
export const COGNITO_IDENTITY = 'lambda-runtime-cognito-identity';
export const TENANT_ID = 'lambda-runtime-aws-tenant-id';
