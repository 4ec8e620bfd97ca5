// An example function with structured logs and CloudWatch metrics, both written to stdout
// (JSON log lines and EMF lines), as Lambda's log pipeline expects.
//
// - Every log line carries the Lambda context, the cold-start flag with the init type, and
//   the correlation id from the x-correlation-id header (or the API Gateway request id).
// - The event is logged once per invocation with its Authorization header redacted.
// - DEBUG lines are buffered and printed only if the invocation fails or times out.
// - Metrics: a ColdStart line on the first invocation, then the function's own metrics plus
//   the init duration, flushed after every invocation, also on errors and before a timeout.
//
// Try it: thaw invoke examples/observability --event examples/observability/event.json --times 2
// It runs unchanged on AWS's managed nodejs22.x and nodejs24.x runtimes.
import { lambda, logging, metrics } from '@thaw/middleware';

const log = logging({
  loggerOptions: { serviceName: 'tea-shop' },
  correlationIdPath: 'headers."x-correlation-id" || requestContext.requestId',
  logEvent: { redactPaths: ['headers.authorization', 'headers.Authorization'] },
  bufferDebugLogs: true,
});
const shopMetrics = metrics({ namespace: 'TeaShop', serviceName: 'tea-shop', builtIn: { initDuration: true } });
const { logger } = log;

export const handler = lambda(async (event) => {
  logger.debug('parsing the order body');
  const order = JSON.parse(event.body ?? '{}');
  if (!Number.isInteger(order.quantity) || order.quantity <= 0) {
    throw new RangeError('quantity must be a positive integer');
  }
  logger.info('order accepted', { item: order.item, quantity: order.quantity });
  shopMetrics.metrics.addMetric('OrdersAccepted', 'Count', 1);
  shopMetrics.metrics.addMetric('CupsOrdered', 'Count', order.quantity);
  return { statusCode: 201, body: JSON.stringify({ accepted: true }) };
})
  .use(log)
  .use(shopMetrics);
