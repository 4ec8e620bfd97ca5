exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const http = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 201,
    headers: { 'content-type': 'text/html' },
    cookies: ['session=abc; Secure'],
  });
  http.write('<p>');
  http.end('made</p>');
});
