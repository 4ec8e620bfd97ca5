// The "bare loop" contender: the least a Runtime API client can be with node:http — no
// context object, no logging patch, no error details. It shows what any runtime pays for
// Node's HTTP stack and JSON alone. node:http comes through createRequire because a static
// ESM import of it also loads Node's bundled undici (+20 ms cold start on Node 22/24), and
// the official client avoids that the same way; the comparison stays fair.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const http = require('node:http');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const base = '/2018-06-01/runtime/invocation/';

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request({ host, port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The benchmark's handlers are CommonJS `.cjs` files; that is all this loop needs to load.
function loadHandler() {
  const spec = process.env._HANDLER;
  const dot = spec.lastIndexOf('.');
  const handler = require(join(process.env.LAMBDA_TASK_ROOT, `${spec.slice(0, dot)}.cjs`))[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error(`bare loop: ${spec} is not a function in ${process.env.LAMBDA_TASK_ROOT}`);
  return handler;
}

async function loop(handler) {
  for (;;) {
    const next = await call('GET', `${base}next`);
    const id = next.headers['lambda-runtime-aws-request-id'];
    try {
      const result = await handler(JSON.parse(next.body), { awsRequestId: id });
      await call('POST', `${base}${encodeURIComponent(id)}/response`, JSON.stringify(result ?? null));
    } catch (err) {
      const error = JSON.stringify({ errorType: err?.name ?? 'Error', errorMessage: String(err?.message ?? err) });
      await call('POST', `${base}${encodeURIComponent(id)}/error`, error);
    }
  }
}

const handler = loadHandler();
const loops = Number(process.env.AWS_LAMBDA_MAX_CONCURRENCY) || 1;
for (let i = 0; i < loops; i++) loop(handler);
