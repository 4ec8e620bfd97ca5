exports.handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  console.log('for a tenant');
  return 'ok';
};
