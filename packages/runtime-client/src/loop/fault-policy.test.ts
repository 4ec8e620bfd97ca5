// The fault policy against a Runtime API that misbehaves in ways the emulator (which
// behaves like the platform) never does: 500s, resets, refusals, nobody listening.
// The real bootstrap runs against a scripted HTTP server on 127.0.0.1:0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bootstrap = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bootstrap.cjs');
const taskRoot = mkdtempSync(join(tmpdir(), 'thaw-fault-'));
writeFileSync(join(taskRoot, 'index.js'), "exports.handler = async (event) => ({ echo: event });\n");
afterAll(() => rmSync(taskRoot, { recursive: true, force: true }));

interface Seen {
  method: string;
  url: string;
  body: string;
}
type Script = (req: IncomingMessage, res: ServerResponse, seen: Seen[], body: string, child: ChildProcess) => void;

function invocation(res: ServerResponse, id: string, event: unknown): void {
  res.writeHead(200, { 'Lambda-Runtime-Aws-Request-Id': id, 'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000) });
  res.end(JSON.stringify(event));
}

/** Runs the bootstrap against `script` until it exits (or `stopWhen` says the test saw enough). */
async function run(script: Script, stopWhen: (seen: Seen[]) => boolean = () => false, env: Record<string, string> = {}, port?: number) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, url: req.url!, body });
      script(req, res, seen, body, child);
      if (stopWhen(seen)) child.kill();
    });
  });
  await new Promise<void>((resolve) => server.listen(port ?? 0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  const child = spawn(process.execPath, [bootstrap], {
    env: { PATH: process.env['PATH'], AWS_LAMBDA_RUNTIME_API: address, _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return { code, output, seen };
}

const NEXT = '/2018-06-01/runtime/invocation/next';

describe('fault policy (real bootstrap, scripted Runtime API)', () => {
  it('exits 1 with a clear log line when /next answers 500', async () => {
    const { code, output } = await run((req, res) => {
      res.writeHead(500);
      res.end('{"errorType":"InternalError"}');
    });
    expect(code).toBe(1);
    expect(output).toMatch(/The Runtime API answered 500 to GET \/next .*InternalError.*exiting so the platform restarts the runtime/);
  });

  it('exits 1 after brief retries when nothing accepts connections', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const child = spawn(process.execPath, [bootstrap], { env: { AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`nothing accepts connections at 127.0.0.1:${port}`);
  });

  it('goes on after 403 (duplicate) and 400 (unknown id) on /response', async () => {
    let n = 0;
    const { seen, output } = await run(
      (req, res) => {
        if (req.url === NEXT) return invocation(res, `id-${++n}`, { n });
        res.writeHead(req.url!.includes('id-1') ? 403 : 400, { 'Content-Type': 'application/json' });
        res.end('{"errorType":"InvalidStateTransition"}');
      },
      (s) => s.filter((r) => r.url === NEXT).length === 3,
    );
    expect(seen.slice(0, 5).map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${NEXT}`,
      'POST /2018-06-01/runtime/invocation/id-1/response',
      `GET ${NEXT}`,
      'POST /2018-06-01/runtime/invocation/id-2/response',
      `GET ${NEXT}`,
    ]);
    expect(output).toMatch(/refused the response of invocation id-1 with 403/);
    expect(output).toMatch(/refused the response of invocation id-2 with 400/);
  });

  it('posts again on a fresh connection when the connection is reset mid-request', async () => {
    let resets = 0;
    const { seen } = await run(
      (req, res) => {
        if (req.url === NEXT) return invocation(res, 'id-r', { big: 'x'.repeat(1000) });
        if (resets++ === 0) {
          req.socket.destroy();
          return;
        }
        res.writeHead(202);
        res.end();
      },
      (s) => s.filter((r) => r.url === NEXT).length === 2,
    );
    expect(seen.slice(0, 4).map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'GET']);
    const posts = seen.slice(1, 3);
    expect(posts[1]!.body).toBe(posts[0]!.body);
    expect(JSON.parse(posts[1]!.body).echo.big).toHaveLength(1000);
  });

  it('exits 1 when /response answers 500', async () => {
    const { code, output } = await run((req, res) => {
      if (req.url === NEXT) return invocation(res, 'id-5', {});
      res.writeHead(500);
      res.end('boom');
    });
    expect(code).toBe(1);
    expect(output).toMatch(/answered 500 to the response of invocation id-5/);
  });

  it('exits 1 when /next answers 200 without a request id', async () => {
    const { code, output } = await run((req, res) => {
      res.writeHead(200);
      res.end('{}');
    });
    expect(code).toBe(1);
    expect(output).toMatch(/without a Lambda-Runtime-Aws-Request-Id header/);
  });

  it('reads a chunked /next answer with NUL bytes and a URI-encodes the request id', async () => {
    const { seen } = await run(
      (req, res) => {
        if (req.url === NEXT) {
          res.writeHead(200, { 'Lambda-Runtime-Aws-Request-Id': 'a/b c', 'Transfer-Encoding': 'chunked' });
          res.write('{"s":"x\\u0000');
          res.end('y"}');
          return;
        }
        res.writeHead(202);
        res.end();
      },
      (s) => s.some((r) => r.method === 'POST'),
    );
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/2018-06-01/runtime/invocation/a%2Fb%20c/response');
    expect(JSON.parse(post.body)).toEqual({ echo: { s: 'x\u0000y' } });
  });

  it('rides out a Runtime API restart (gone, then back on the same port) and serves the next invocation', async () => {
    let n = 0;
    let child: ReturnType<typeof spawn> | undefined;
    const posts: string[] = [];
    const serve = (onNext: (res: ServerResponse) => void) =>
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.url === NEXT) return onNext(res);
          posts.push(req.url!);
          res.writeHead(202);
          res.end();
          if (posts.length === 2) child?.kill();
        });
      });
    let restarted: Promise<void> | undefined;
    const first = serve((res) => {
      if (++n === 1) return invocation(res, 'before-restart', {});
      // The Runtime API goes away with the second /next waiting, and comes back 150 ms later.
      first.closeAllConnections();
      first.close();
      restarted = new Promise((resolve) => setTimeout(() => second.listen(port, '127.0.0.1', () => resolve()), 150));
    });
    const second = serve((res) => invocation(res, 'after-restart', {}));
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const port = (first.address() as { port: number }).port;
    child = spawn(process.execPath, [bootstrap], { env: { AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot }, stdio: 'ignore' });
    await new Promise((resolve) => child!.on('exit', resolve));
    await restarted;
    second.closeAllConnections();
    await new Promise((resolve) => second.close(resolve));
    expect(posts.slice(0, 2)).toEqual(['/2018-06-01/runtime/invocation/before-restart/response', '/2018-06-01/runtime/invocation/after-restart/response']);
  });

  it('under Managed Instances, retries /next after 500s with backoff, logs the outage once, and goes on', async () => {
    let failures = 0;
    const { seen, output } = await run(
      (req, res) => {
        if (req.url === NEXT && failures < 3) {
          failures += 1;
          res.writeHead(500);
          res.end('{"errorType":"ServiceUnavailable"}');
          return;
        }
        if (req.url === NEXT) return invocation(res, `mi-${failures++}`, {});
        res.writeHead(202);
        res.end();
      },
      (s) => s.some((r) => r.method === 'POST'),
      // Two loops in two worker threads (the default): the outage is still logged once per process.
      { AWS_LAMBDA_MAX_CONCURRENCY: '2' },
    );
    expect(seen.some((r) => r.method === 'POST' && /\/mi-\d+\/response$/.test(r.url))).toBe(true);
    expect(output.match(/GET \/next failed: the Runtime API answered 500/g)).toHaveLength(1);
    expect(output).toMatch(/Retrying with backoff \(100 ms doubling up to 5000 ms, about 26 s in all\)/);
    expect(output).toMatch(/GET \/next works again after \d+ ms of failures/);
  });

  it('under Managed Instances, logs a 500 on /response and keeps polling instead of exiting', async () => {
    let n = 0;
    const { seen, output } = await run(
      (req, res) => {
        if (req.url === NEXT) return invocation(res, `lost-${++n}`, {});
        res.writeHead(500);
        res.end('oops');
      },
      (s) => s.filter((r) => r.url === NEXT).length === 2,
      { AWS_LAMBDA_MAX_CONCURRENCY: '1' },
    );
    expect(seen.slice(0, 3).map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${NEXT}`, 'POST /2018-06-01/runtime/invocation/lost-1/response', `GET ${NEXT}`]);
    expect(output).toMatch(/The Runtime API answered 500 to the response of invocation lost-1 \(oops\); the result of invocation lost-1 is lost\. The other invocations go on\./);
  });

  it('runs onShutdown hooks on SIGTERM and exits 0; a function that listens for SIGTERM itself keeps control until the budget ends', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaw-sigterm-'));
    writeFileSync(
      join(root, 'index.js'),
      [
        "awslambda.onShutdown(async (notice) => { console.log('hook ' + notice.reason); });",
        "if (process.env.OWN_LISTENER) process.on('SIGTERM', () => console.log('own listener'));",
        "process.on('exit', (code) => console.log('exit ' + code));",
        'exports.handler = async () => ({});',
      ].join('\n'),
    );
    try {
      for (const own of [false, true]) {
        const { code, output } = await run(
          (req, res, _seen, _body, child) => {
            if (req.url === '/2020-01-01/extension/register') {
              res.writeHead(200, { 'Lambda-Extension-Identifier': 'ext-1', 'Content-Type': 'application/json' });
              res.end('{}');
            }
            // event/next and /next stay parked; the first /next means init is over.
            if (req.url === NEXT) setImmediate(() => child.kill('SIGTERM'));
          },
          () => false,
          { LAMBDA_TASK_ROOT: root, ...(own ? { OWN_LISTENER: '1' } : {}) },
        );
        expect(code).toBe(0);
        expect(output).toMatch(/\tINFO\thook SIGTERM\n/);
        expect(output).toMatch(/\tINFO\texit 0\n/);
        if (own) expect(output).toMatch(/\tINFO\town listener\n/);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses to start without AWS_LAMBDA_RUNTIME_API and says why', async () => {
    const child = spawn(process.execPath, [bootstrap], { env: { PATH: process.env['PATH'] }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(output).toMatch(/AWS_LAMBDA_RUNTIME_API is not set/);
  });
});
