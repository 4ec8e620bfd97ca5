// The handler returns without ending the stream: the runtime ends it once the handler's
// promise settles, after the warning, so the warning is part of this invocation's logs.
// (A handler that ends the stream and then returns races the end of its own invocation.)
exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('text ');
  responseStream.write(new Uint8Array([98, 121, 116, 101, 115, 32]));
  responseStream.write({ as: 'json' });
  responseStream.write(42);
  return { ignored: true };
});
