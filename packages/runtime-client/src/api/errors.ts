// Transport failures, named so the loop's fault policy can tell "nobody listens" (retry)
// from "the connection broke mid-request" (retry once or exit) without parsing messages.

export class RuntimeApiConnectionError extends Error {
  /** The stable name to match on: `error.name === 'RuntimeApiConnectionError'`. */
  override readonly name = 'RuntimeApiConnectionError';
  /** The system error code (ECONNREFUSED, ECONNRESET, EPIPE...) or 'EOF'. */
  readonly code: string;
  /** True when no byte of the answer had arrived: the request may not have been processed. */
  readonly beforeAnswer: boolean;

  constructor(message: string, code: string, beforeAnswer: boolean) {
    super(message);
    this.code = code;
    this.beforeAnswer = beforeAnswer;
  }
}

export class RuntimeApiProtocolError extends Error {
  /** The stable name to match on: `error.name === 'RuntimeApiProtocolError'`. */
  override readonly name = 'RuntimeApiProtocolError';
}
