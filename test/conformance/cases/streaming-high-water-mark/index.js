exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.end(String(responseStream.writableHighWaterMark));
}, { highWaterMark: 2048 });
