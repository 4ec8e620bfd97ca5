exports.handler = async () => {
  console.debug('debug still written');
  return 'ok';
};
