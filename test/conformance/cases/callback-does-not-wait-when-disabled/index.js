let timerFired = false;
exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  if (event.check) return callback(null, { timerFired });
  setTimeout(() => { timerFired = true; }, 5000);
  callback(null, 'at once');
};
