exports.handler = awslambda.streamifyResponse(async () => {
  throw new Error('no data today');
});
