exports.handler = async () => {
  console.info('structured');
  return 'ok';
};
