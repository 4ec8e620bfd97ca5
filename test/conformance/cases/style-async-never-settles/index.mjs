export const handler = () => new Promise(() => {});
