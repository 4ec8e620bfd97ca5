// Glue from the dispatcher's streaming port to the streaming work's adapter
// (streaming/adapter.ts).
import { runStreamingInvocation } from '../streaming/adapter.js';
import type { StreamingAdapter } from './streaming-port.js';

export const runStreamingHandler: StreamingAdapter = (invocation) => runStreamingInvocation(invocation);
