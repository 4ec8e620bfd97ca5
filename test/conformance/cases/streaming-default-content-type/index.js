exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.end(Buffer.from([0, 1, 2, 255]));
});
