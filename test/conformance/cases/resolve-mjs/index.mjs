export const handler = async (event) => ({ echo: event, meta: import.meta.url.endsWith('index.mjs') });
