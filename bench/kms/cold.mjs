// One cold start, in a fresh process: load the SDK, then decrypt N variables from the
// stand-in. argv: mode ('thaw' = decryptEnv, all in parallel | 'sequential' = one Decrypt
// after the other, as the console's sample code and most helpers do), N. Prints one JSON line.
// The SDK is imported first in both modes (decryptEnv then finds it in the module cache), so
// decryptMs compares only client creation, signing and the calls.
import { createRequire } from 'node:module';

const [mode, countText] = process.argv.slice(2);
const names = Array.from({ length: Number(countText) }, (_, i) => `SECRET_${i}`);
const require = createRequire(new URL('../../packages/middleware/package.json', import.meta.url));

const t0 = performance.now();
const { KMSClient, DecryptCommand } = await import(require.resolve('@aws-sdk/client-kms'));
const thaw = mode === 'thaw' ? await import('../../packages/middleware/dist/index.js') : undefined;
const t1 = performance.now();
if (thaw) {
  await thaw.decryptEnv({ names, context: 'none' }).ready();
} else {
  const client = new KMSClient({ region: process.env.AWS_REGION, endpoint: process.env.AWS_ENDPOINT_URL_KMS, maxAttempts: 1 });
  for (const name of names) await client.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env[name], 'base64') }));
}
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, decryptMs: t2 - t1, totalMs: t2 - t0 }));
