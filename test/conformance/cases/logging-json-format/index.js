exports.handler = async () => {
  console.log('plain text');
  console.info({ orderId: 42, items: ['a', 'b'] });
  console.warn('%s has %d items', 'cart', 2);
  return 'ok';
};
