// Glue from the dispatcher's streaming port to the streaming work's adapter
// (streaming/adapter.ts), loaded lazily by invoke.ts so non-streaming functions never
// evaluate it.
import { runStreamingInvocation } from '../streaming/adapter.js';
import type { StreamingAdapter } from './streaming-port.js';

export const runStreamingHandler: StreamingAdapter = (invocation) => runStreamingInvocation(invocation);
