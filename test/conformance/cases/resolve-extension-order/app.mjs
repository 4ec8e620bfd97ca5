export const handler = async () => ({ picked: '.mjs' });
