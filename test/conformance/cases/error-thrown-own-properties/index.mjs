export const handler = async (event) => {
  if (event.kind === 'string') throw 'plain text';
  throw Object.assign(new Error('card refused'), { code: 'E42', statusCode: 402 });
};
