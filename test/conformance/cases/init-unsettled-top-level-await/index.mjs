await new Promise(() => {});
export const handler = async () => 'unreachable';
