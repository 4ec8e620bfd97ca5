export const handler = async (event, context) => context;
