export const handler = async () => {
  throw Object.assign(new Error('card refused'), { code: 'E42', statusCode: 402 });
};
