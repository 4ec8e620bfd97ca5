// The fault policy against a Runtime API that misbehaves in ways the emulator (which
// behaves like the platform) never does: 500s, resets, refusals, nobody listening.
// The real bootstrap runs against a scripted HTTP server on 127.0.0.1:0.
import { spawn } from 'node:child_process';
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
type Script = (req: IncomingMessage, res: ServerResponse, seen: Seen[], body: string) => void;

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
      script(req, res, seen, body);
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

  it('refuses to start without AWS_LAMBDA_RUNTIME_API and says why', async () => {
    const child = spawn(process.execPath, [bootstrap], { env: { PATH: process.env['PATH'] }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(output).toMatch(/AWS_LAMBDA_RUNTIME_API is not set/);
  });
});
