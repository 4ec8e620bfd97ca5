// How one invocation ended, as the loop needs to know it to talk to the Runtime API.
import type { ErrorReport } from '../api/runtime-api.js';

export type Outcome =
  /** The response's JSON text. */
  | { kind: 'response'; body: string }
  | { kind: 'error'; report: ErrorReport }
  /** The streaming adapter already sent the whole response (errors went as trailers). */
  | { kind: 'streamed' };
