setTimeout(() => { throw new Error('exploded during init'); }, 5);
await new Promise((resolve) => setTimeout(resolve, 500));
export const handler = async () => 'unreachable';
