exports.handler = async () => {
  console.log('line one\nline two\u2028line three');
  const loop = { name: 'loop' };
  loop.self = loop;
  console.log(loop);
  console.log(undefined);
  console.log(12n);
  return 'ok';
};
