// One cold start, in a fresh process: import, then decrypt N variables from the stand-in.
// argv: mode ('thaw' = decryptEnv, all in parallel | 'sequential' = one Decrypt after the
// other, as the console's sample code and most helpers do), N. Prints one JSON line.
import { createRequire } from 'node:module';

const [mode, countText] = process.argv.slice(2);
const count = Number(countText);
const names = Array.from({ length: count }, (_, i) => `SECRET_${i}`);
const t0 = performance.now();

if (mode === 'thaw') {
  const { decryptEnv } = await import('../../packages/middleware/dist/index.js');
  const t1 = performance.now();
  await decryptEnv({ names, context: 'none' }).ready();
  const t2 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, decryptMs: t2 - t1, totalMs: t2 - t0 }));
} else {
  const require = createRequire(new URL('../../packages/middleware/package.json', import.meta.url));
  const { KMSClient, DecryptCommand } = await import(require.resolve('@aws-sdk/client-kms'));
  const t1 = performance.now();
  const client = new KMSClient({ region: process.env.AWS_REGION, endpoint: process.env.AWS_ENDPOINT_URL_KMS, maxAttempts: 1 });
  for (const name of names) {
    await client.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env[name], 'base64') }));
  }
  const t2 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, decryptMs: t2 - t1, totalMs: t2 - t0 }));
}
