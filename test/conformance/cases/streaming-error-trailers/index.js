exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('partial ');
  await new Promise((resolve) => setTimeout(resolve, 1));
  throw new TypeError('upstream closed');
});
