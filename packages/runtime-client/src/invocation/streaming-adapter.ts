// The streaming adapter behind the dispatcher's port (streaming-port.ts); the work itself
// lives in streaming/adapter.ts. Typed here so a drift between the two seams fails the build.
import { runStreamingInvocation } from '../streaming/adapter.js';
import type { StreamingAdapter } from './streaming-port.js';

export const runStreamingHandler: StreamingAdapter = runStreamingInvocation;
