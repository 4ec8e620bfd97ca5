import { createHash } from 'node:crypto';

export const ARTIFACT_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

/**
 * Stands in for downloading a large model or binary: 16 MiB derived deterministically
 * (sha256 in counter mode), produced chunk by chunk so it is never held in memory whole.
 * Deterministic, so every environment builds the same bytes and the same digest.
 */
export async function* produceArtifact() {
  for (let offset = 0; offset < ARTIFACT_BYTES; offset += CHUNK_BYTES) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let block = 0; block < CHUNK_BYTES; block += 32) {
      createHash('sha256').update(`thaw-artifact:${offset + block}`).digest().copy(chunk, block);
    }
    yield chunk;
  }
}
