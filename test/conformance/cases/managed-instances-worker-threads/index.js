// Two worker threads, two loops each: module init runs once per worker, invocations overlap,
// and log lines keep their request id (and stay one line) inside the workers.
const { isMainThread } = require('node:worker_threads');

globalThis.inits = (globalThis.inits ?? 0) + 1;
console.log('module init');

exports.handler = async (event) => {
  console.log(`begin ${event.n}\nsecond line`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (event.fail) throw new Error(`invocation ${event.n} failed`);
  console.log(`end ${event.n}`);
  return { n: event.n, isMainThread, initsInThisThread: globalThis.inits };
};
