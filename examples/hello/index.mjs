// A small API Gateway (HTTP API) handler. Module state survives warm invocations:
// the counter shows which invocations reused this environment.
const startedAt = new Date().toISOString();
let invocations = 0;

export const handler = async (event, context) => {
  invocations += 1;
  const name = event?.queryStringParameters?.name ?? 'world';
  console.log(`greeting ${name} (invocation ${invocations} of this environment)`);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `hello, ${name}`,
      requestId: context.awsRequestId,
      environmentStartedAt: startedAt,
      invocationsInThisEnvironment: invocations,
      remainingMs: context.getRemainingTimeInMillis(),
    }),
  };
};
