export const handler = async (event, context) => ({ clientContext: context.clientContext, identity: context.identity });
