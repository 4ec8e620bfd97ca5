exports.handler = async () => {
  console.log();
  console.log(undefined);
  return 'ok';
};
