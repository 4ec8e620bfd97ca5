exports.handler = () => {
  setTimeout(() => console.log('timer ran'), 500);
  return 42;
};
