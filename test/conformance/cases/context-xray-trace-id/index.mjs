export const handler = async (event, context) => ({ context: context.xRayTraceId ?? null, env: process.env._X_AMZN_TRACE_ID ?? null });
