export const handler = async (event, context, callback) => ({ promiseWins: typeof callback === 'function' });
