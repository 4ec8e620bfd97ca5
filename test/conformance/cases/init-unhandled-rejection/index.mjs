Promise.reject(new Error('rejected during init'));
await new Promise((resolve) => setTimeout(resolve, 500));
export const handler = async () => 'unreachable';
