// Parent side of the fake Runtime API: forks the server process and turns its IPC messages
// into promises. One server serves one runtime process at a time.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverPath = fileURLToPath(new URL('./server.mjs', import.meta.url));

/** Starts the fake Runtime API with the given node binary; resolves once it listens. */
export async function startFakeApi(nodeBin = process.execPath) {
  const child = fork(serverPath, [], { execPath: nodeBin, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  const problems = [];
  let exited = false;
  child.on('message', (msg) => {
    if (msg.ev === 'init-error' || msg.ev === 'stray') problems.push(msg);
    if (msg.ev === 'init-error') {
      // The runtime will never ask for work: fail the plan now instead of at its deadline.
      const err = new Error(`the runtime reported an init error: ${msg.body}`);
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].ev === 'served') waiters.splice(i, 1)[0].reject(err);
    }
    const i = waiters.findIndex((w) => w.ev === msg.ev);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(msg);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const w of waiters.splice(0)) w.reject(new Error(`fake Runtime API exited (code ${code}, signal ${signal}) while waiting for "${w.ev}"`));
  });
  const waitFor = (ev) => new Promise((resolve, reject) => {
    if (exited) return reject(new Error(`fake Runtime API is not running; cannot wait for "${ev}"`));
    waiters.push({ ev, resolve, reject });
  });
  const rpc = (cmd, ev, extra = {}) => {
    const p = waitFor(ev);
    child.send({ cmd, ...extra });
    return p;
  };

  const { port } = await waitFor('listening');
  return {
    runtimeApi: `127.0.0.1:${port}`,
    /** Drops the previous runtime's state; call before spawning a runtime. */
    reset: () => {
      problems.length = 0;
      // A plan abandoned because its runtime died must not swallow the next plan's report.
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].ev === 'served') waiters.splice(i, 1);
      return rpc('reset', 'reset-done');
    },
    /** Builds an event ahead of time so that building it is not timed. */
    prepare: (eventSize) => rpc('prepare', 'prepared', { eventSize }),
    /**
     * Arms a plan and resolves with its report when `count` invocations have finished.
     * `abort` is a promise that rejects (e.g. when the runtime dies) to stop waiting.
     */
    serve: (plan, abort) => {
      const done = waitFor('served');
      child.send({ cmd: 'serve', ...plan });
      return abort ? Promise.race([done, abort]) : done;
    },
    status: () => rpc('status', 'status'),
    /** Init errors and responses for unknown ids seen since the last reset. */
    problems: () => [...problems],
    close: () => new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', resolve);
      child.disconnect();
    }),
  };
}
