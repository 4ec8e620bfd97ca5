export const handler = async (event, context) => {
  const copy = { ...context };
  return {
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    memoryLimitInMB: context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    invokedFunctionArn: context.invokedFunctionArn,
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    remaining: context.getRemainingTimeInMillis(),
    spreadKeepsFunction: typeof copy.getRemainingTimeInMillis() === 'number',
    detached: (({ getRemainingTimeInMillis }) => getRemainingTimeInMillis() > 0)(context),
    legacyMethods: [typeof context.done, typeof context.succeed, typeof context.fail],
  };
};
