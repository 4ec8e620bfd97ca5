export const handler = async (event, context) => ({ tenantId: context.tenantId ?? null });
