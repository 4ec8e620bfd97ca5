export const handler = async () => 'y'.repeat(6 * 1024 * 1024 + 100 - 2);
