// Import cost in a fresh process. argv: 'bare' | 'middleware' | 'middleware+kms'.
// 'middleware' is what a function that never decrypts pays: the KMS client is not loaded.
import { createRequire } from 'node:module';

const variant = process.argv[2];
const t0 = performance.now();
if (variant !== 'bare') await import('../../packages/middleware/dist/index.js');
if (variant === 'middleware+kms') {
  const require = createRequire(new URL('../../packages/middleware/package.json', import.meta.url));
  await import(require.resolve('@aws-sdk/client-kms'));
}
console.log(JSON.stringify({ importMs: performance.now() - t0 }));
