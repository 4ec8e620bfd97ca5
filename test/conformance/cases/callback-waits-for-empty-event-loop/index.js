let timerFired = false;
exports.handler = (event, context, callback) => {
  if (event.check) return callback(null, { timerFiredBeforeNextInvocation: timerFired });
  setTimeout(() => { timerFired = true; console.log('timer fired'); }, 50);
  callback(null, 'first');
};
