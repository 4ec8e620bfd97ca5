console.log('loading module');
exports.handler = async () => {
  console.log('in handler');
  return 'ok';
};
