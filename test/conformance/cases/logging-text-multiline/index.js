exports.handler = async () => {
  console.log('first line\nsecond line\nthird line');
  console.log({ nested: { list: [1, 2, 3], text: 'a' }, more: 'x'.repeat(80) });
  return 'ok';
};
