exports.handler = async () => {
  console.trace('t');
  console.debug('d');
  console.info('i');
  console.log('l');
  console.warn('w');
  console.error('e');
  console.fatal('f');
  return 'ok';
};
