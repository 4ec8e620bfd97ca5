exports.handler = async (event) => {
  console.log('user said: ' + event.comment);
  return 'ok';
};
