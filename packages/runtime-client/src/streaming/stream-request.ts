// The part of the Runtime API transport a response stream needs (contracts.md:
// `runtimeApi.respondStream(id, contentType) => StreamRequest`). Declared here structurally
// so that streaming/ does not reach into api/ and an in-memory request can stand in for it
// in unit tests.
export interface StreamRequestLike {
  /** Sends one chunk now; false when the transport's buffer is full (wait for onDrain). */
  write(chunk: Buffer): boolean;
  /** Calls `callback` once the transport can take more. */
  onDrain(callback: () => void): void;
  /** Sends the last chunk (and trailers); resolves with the platform's answer. */
  end(trailers?: Record<string, string>): Promise<{ status: number; body: Buffer }>;
}

export interface StreamingRuntimeApi {
  respondStream(requestId: string, contentType: string): StreamRequestLike;
}

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
export const ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
export const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';
