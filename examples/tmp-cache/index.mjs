import { createHash } from 'node:crypto';
import { open, writeFile, readFile } from 'node:fs/promises';
import { openCache } from '@thaw/tmp-cache';
import { ARTIFACT_BYTES, produceArtifact } from './artifact.mjs';

// Opened once per runtime, at init: reconciles what earlier runtimes left in /tmp (after a
// crash or timeout /tmp survives) and says how this environment started.
// TMP_CACHE_ROOT lets local runs keep their cache apart; on Lambda it is /tmp.
const cache = openCache({ root: process.env.TMP_CACHE_ROOT ?? '/tmp', name: 'example-cache' });

export const handler = async (event, context) =>
  cache.invocation(context, async (invocation) => {
    // The large artifact: produced once per environment, then a warm hit. Pinned, so request
    // data can never evict it; sha256 recorded while streaming and checked by later runtimes.
    let produced = false;
    const artifact = await cache.getOrSetStream('artifact-v1', () => {
      produced = true;
      return produceArtifact();
    }, { pin: true, sha256: true, expectedSize: ARTIFACT_BYTES });

    // A native tool would open artifact.path directly; here we read its header by path.
    const handle = await open(artifact.path, 'r');
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    await handle.close();

    // Per-request scratch: private to this invocation, removed when it ends.
    const scratchFile = invocation.scratchPath('request.json');
    await writeFile(scratchFile, JSON.stringify(event ?? null));
    const requestDigest = createHash('sha256').update(await readFile(scratchFile)).digest('hex').slice(0, 16);

    return {
      artifact: produced ? 'cold-miss' : 'warm-hit',
      artifactOrigin: artifact.origin,
      artifactBytes: artifact.size,
      artifactSha256: artifact.sha256,
      artifactHeader: header.toString('hex'),
      startClass: cache.start.class,
      coldInvocation: invocation.cold,
      scratchFile,
      requestDigest,
      stats: { hits: cache.stats().hits, misses: cache.stats().misses, bytesUsed: cache.stats().bytesUsed },
    };
  });
