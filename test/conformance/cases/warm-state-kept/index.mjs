let count = 0;
export const handler = async () => ({ count: ++count });
