export const handler = async () => {
  const root = new TypeError('socket hang up');
  const middle = new Error('query failed', { cause: root });
  throw new Error('could not load the order', { cause: middle });
};
