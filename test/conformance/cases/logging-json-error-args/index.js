class PaymentDeclined extends Error {}
exports.handler = async () => {
  console.error('charge failed', new PaymentDeclined('card refused'));
  console.error(new RangeError('alone'));
  console.error(new TypeError('first'), 'and more');
  return 'ok';
};
