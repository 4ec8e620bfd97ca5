exports.handler = async () => {
  console.log('hello from the handler');
  return 'ok';
};
