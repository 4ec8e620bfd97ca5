// The public streaming surface, re-exported by the package index.
export { streamifyResponse, type StreamingHandler, type StreamifyOptions } from './streamify.js';
export { HttpResponseStream, HTTP_INTEGRATION_CONTENT_TYPE, type HttpResponsePrelude } from './http-response-stream.js';
export { ResponseStream, ResponseStreamStateError, type StreamOutcome } from './response-stream.js';
export { createResponseStream, invokeStreamingHandler, type TestResponseStream, type TestResponseStreamOptions } from './test-response-stream.js';
export type { StreamErrorBody } from './stream-error.js';
export { STREAMING_HANDLER, STREAMING_HIGH_WATER_MARK, isStreamingHandler } from './marker.js';
