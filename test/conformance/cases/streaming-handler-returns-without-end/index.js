exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('written ');
  await new Promise((resolve) => setTimeout(resolve, 1));
  responseStream.write('but never ended');
});
