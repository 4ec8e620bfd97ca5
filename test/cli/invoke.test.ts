import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const thaw = join(root, 'packages', 'cli', 'bin', 'thaw.js');
const fixtures = join(root, 'test', 'fixtures', 'cli');

// The pinned Lambda Node.js binaries, fetched by the matrix run into the repository's cache.
const nodeCache = join(root, '.cache', 'node');
const cachedNode = (version: string) => existsSync(join(nodeCache, `${version}-x64`, 'bin', 'node')) && process.platform === 'linux' && process.arch === 'x64';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [thaw, ...args], { cwd: root, encoding: 'utf8', input, timeout: 30_000, env: { ...process.env, THAW_NODE_CACHE: nodeCache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('thaw invoke', () => {
  it('runs the hello example cold then warm and prints response, logs and timings', () => {
    const r = run(['invoke', 'examples/hello', '--event', 'examples/hello/event.json', '--times', '2']);
    expect(r.code).toBe(0);
    const bodies = r.stdout.split(/\n(?=\{)/).map((block) => JSON.parse(JSON.parse(block).body));
    expect(bodies.map((b) => b.invocationsInThisEnvironment)).toEqual([1, 2]);
    expect(bodies[0].message).toBe('hello, thaw');
    expect(r.stderr).toMatch(/invocation 1\/2 ok · cold, init [\d.]+ ms/);
    expect(r.stderr).toMatch(/invocation 2\/2 ok · warm/);
    expect(r.stderr).toMatch(/\tINFO\tgreeting thaw \(invocation 1 of this environment\)/);
  });

  it('shows each line of a multi-line message on a row of its own', () => {
    const r = run(['invoke', join(fixtures, 'multiline.mjs')]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).toMatch(/│ \S+\t[0-9a-f-]{36}\tINFO\tfirst line\n {2}│ {3}second line\n {2}│ {3}third line\n/);
  });

  it('reads the event from standard input and passes --env and --memory', () => {
    const r = run(['invoke', join(fixtures, 'echo.mjs'), '--event', '-', '--env', 'GREETING=hi', '--memory', '512', '--json'], '{"a":[1,2]}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('success');
    expect(out.response).toEqual({ event: { a: [1, 2] }, memory: '512', fromEnv: 'hi' });
  });

  it('exits 1 and shows the error type when the function throws', () => {
    const r = run(['invoke', join(fixtures, 'fails.mjs')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorType: 'TypeError', errorMessage: 'the order id is missing' });
    expect(r.stderr).toMatch(/invocation 1\/1 error: TypeError/);
  });

  it('names a missing function directory', () => {
    const r = run(['invoke', 'examples/does-not-exist']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('examples/does-not-exist does not exist');
  });

  it('refuses a malformed handler before starting anything', () => {
    const r = run(['invoke', 'examples/hello', '--handler', 'index']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--handler "index" is malformed');
  });

  it('reports an event file that is not JSON with the parser message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thaw-cli-'));
    const bad = join(dir, 'event.json');
    writeFileSync(bad, '{"name": thaw}');
    const r = run(['invoke', 'examples/hello', '--event', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`event file ${bad} is not valid JSON`);
  });

  it('reports a handler whose export is missing as the platform does', () => {
    const r = run(['invoke', 'examples/hello', '--handler', 'index.nothere']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errorType).toBe('Runtime.HandlerNotFound');
  });

  it.skipIf(!cachedNode('24.21.0'))('--node 24 runs on the Node.js of nodejs24.x, where a callback handler is refused at init', () => {
    const r = run(['invoke', join(fixtures, 'callback.mjs'), '--node', '24', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('init-error');
    expect(out.error).toMatchObject({ errorType: 'Runtime.CallbackHandlerDeprecated', errorMessage: expect.stringMatching(/starting with Node\.js 24/) });
  });

  it.skipIf(!cachedNode('22.23.3'))('--node 22 runs on the Node.js of nodejs22.x, where callback handlers still run', () => {
    const r = run(['invoke', join(fixtures, 'callback.mjs'), '--node', '22', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).response).toEqual({ node: 'v22.23.3', executionEnv: 'AWS_Lambda_nodejs22.x' });
  });

  it('refuses a --node that is not a Lambda runtime version', () => {
    const r = run(['invoke', 'examples/hello', '--node', '18']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--node must be one of 22, 24 \(the Node\.js versions of Lambda's runtimes\), got "18"/);
  });

  it('rejects unknown options and bad numbers with a usage error', () => {
    expect(run(['invoke', 'examples/hello', '--nope']).stderr).toContain("Unknown option '--nope'");
    expect(run(['invoke', 'examples/hello', '--times', 'many']).stderr).toContain('--times must be a positive number, got "many"');
    // Checked before the local KMS starts: the command exits instead of hanging on an open server.
    const withKms = run(['invoke', 'examples/hello', '--kms', 'local', '--key-file', join(mkdtempSync(join(tmpdir(), 'thaw-cli-')), 'k.json'), '--timeout', 'abc']);
    expect(withKms.code).toBe(2);
    expect(withKms.stderr).toContain('--timeout must be a positive number, got "abc"');
  });
});
