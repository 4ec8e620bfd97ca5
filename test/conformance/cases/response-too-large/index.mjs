export const handler = async () => 'x'.repeat(6 * 1024 * 1024 + 200);
