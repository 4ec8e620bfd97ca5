// Every invocation announces itself on a BroadcastChannel, which reaches every thread of the
// process: the platform runs Managed Instances invocations on worker threads, so module
// globals are not shared between them.
const channel = 'conformance-together';
export const handler = async (event, context) => {
  const arrived = new Set([context.awsRequestId]);
  const mine = new BroadcastChannel(channel);
  // Wait until all expected invocations run at once (or give up after 3 s and say so).
  const together = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 3000);
    mine.onmessage = ({ data }) => {
      if (data.hello) mine.postMessage({ seen: context.awsRequestId });
      arrived.add(data.hello ?? data.seen);
      if (arrived.size >= event.expect) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    mine.postMessage({ hello: context.awsRequestId });
  });
  // Stay on the channel a little longer, so that a late arrival still hears from this one.
  await new Promise((r) => setTimeout(r, 50));
  mine.close();
  console.log(`done ${event.n}`);
  if (event.fail) throw new Error(`invocation ${event.n} failed`);
  return { n: event.n, together, requestId: context.awsRequestId, trace: process.env._X_AMZN_TRACE_ID ?? null, xRayTraceId: context.xRayTraceId ?? null };
};
