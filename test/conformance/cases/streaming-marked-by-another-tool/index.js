async function handler(event, responseStream) {
  responseStream.end('marked by hand');
}
handler[Symbol.for('aws.lambda.runtime.handler.streaming')] = 'response';
exports.handler = handler;
