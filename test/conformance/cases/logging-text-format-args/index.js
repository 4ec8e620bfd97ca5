exports.handler = async () => {
  console.log('%s bought %d items', 'ann', 3, { total: 9.5 });
  console.error('failed:', new TypeError('bad input'));
  return 'ok';
};
