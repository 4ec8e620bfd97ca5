// Import cost in a fresh process. argv: 'middleware' | 'kms-sdk' | 'middleware+kms-sdk'.
// 'middleware' is what a function that never decrypts pays: the KMS client is not loaded.
import { createRequire } from 'node:module';

const variant = process.argv[2];
const require = createRequire(new URL('../../packages/middleware/package.json', import.meta.url));
const t0 = performance.now();
if (variant.startsWith('middleware')) await import('../../packages/middleware/dist/index.js');
if (variant.endsWith('kms-sdk')) await import(require.resolve('@aws-sdk/client-kms'));
console.log(JSON.stringify({ importMs: performance.now() - t0 }));
