exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.setContentType('text/plain; charset=utf-8');
  responseStream.write('hello ');
  responseStream.write(Buffer.from('streamed '));
  responseStream.end('world');
});
