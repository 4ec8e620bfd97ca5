exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  console.log('before the first chunk');
  responseStream.write('a');
  await new Promise((resolve) => setTimeout(resolve, 1));
  console.log('between chunks');
  responseStream.end('b');
});
