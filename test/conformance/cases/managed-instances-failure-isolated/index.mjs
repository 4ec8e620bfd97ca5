let inFlight = 0;
let release;
const everyoneArrived = new Promise((resolve) => { release = resolve; });
export const handler = async (event, context) => {
  inFlight++;
  if (inFlight === event.expect) release();
  // Wait until all expected invocations run at once (or give up after 3 s and say so).
  const together = await Promise.race([everyoneArrived.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
  await new Promise((r) => setTimeout(r, 5));
  console.log(`done ${event.n}`);
  if (event.fail) throw new Error(`invocation ${event.n} failed`);
  return { n: event.n, together, requestId: context.awsRequestId, trace: process.env._X_AMZN_TRACE_ID ?? null, xRayTraceId: context.xRayTraceId ?? null };
};
