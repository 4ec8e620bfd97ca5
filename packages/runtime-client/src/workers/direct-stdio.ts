import { writeAllSync } from '../logging/write-sync.js';

type WriteCallback = (error?: Error | null) => void;

/**
 * In a worker thread, process.stdout and process.stderr do not write: they post each chunk to
 * the main thread, which writes it later. A line a handler prints just before it answers (a
 * Powertools log line, an EMF metric) could then reach the log after the response, or never,
 * if the process ends first. This makes both write to fd 1 and 2 directly and synchronously,
 * as they do on the main thread for pipes and files; console output is already written so.
 * Lines from several threads do not interleave: every write takes the process-wide write lock.
 */
export function writeStdioDirectly(): void {
  for (const [stream, fd] of [[process.stdout, 1], [process.stderr, 2]] as const) {
    const write = (chunk: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
      const done = typeof encoding === 'function' ? encoding : callback;
      const bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
          : ArrayBuffer.isView(chunk)
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : undefined;
      if (bytes === undefined) throw new TypeError(`The "chunk" argument must be a string, Buffer or Uint8Array; got ${chunk === null ? 'null' : typeof chunk}.`);
      try {
        writeAllSync(fd, bytes);
      } catch (error) {
        // The reader is gone (EPIPE): nothing can be written any more. Tell a caller that
        // asked, and never answer false, which would leave it waiting for a 'drain' event.
        if (done) process.nextTick(done, error as Error);
        return true;
      }
      if (done) process.nextTick(done, null);
      return true;
    };
    Object.defineProperty(stream, 'write', { value: write, writable: true, configurable: true });
  }
}
