exports.handler = async () => {
  console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  console.assert(1 + 1 === 3, 'math is broken: %d', 2);
  console.assert(true, 'never printed');
  return 'ok';
};
