import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const thaw = join(root, 'packages', 'cli', 'bin', 'thaw.js');
const secret = 'demo-webhook-signing-key-0123456789';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [thaw, ...args], { cwd: root, encoding: 'utf8', input, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('thaw encrypt and thaw invoke --kms local', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'thaw-kms-')), 'keys.json');

  it('encrypts with a local key kept in an owner-only key file, and the function decrypts it', () => {
    const enc = run(['encrypt', '--kms', 'local', '--key', 'alias/webhooks', '--function', 'webhook-verifier', '--key-file', keyFile], `${secret}\n`);
    expect(enc.code).toBe(0);
    const ciphertext = enc.stdout.trim();
    expect(Buffer.from(ciphertext, 'base64').length).toBeGreaterThan(secret.length);
    expect(enc.stdout + enc.stderr).not.toContain(secret);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toContain('alias/webhooks');

    const inv = run([
      'invoke', 'examples/secrets', '--kms', 'local', '--key-file', keyFile, '--function-name', 'webhook-verifier',
      '--env', `WEBHOOK_SIGNING_KEY=${ciphertext}`, '--event', 'examples/secrets/event.json', '--times', '2', '--json',
    ]);
    expect(inv.code).toBe(0);
    const results = inv.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(results.map((r) => JSON.parse(r.response.body).accepted)).toEqual([true, true]);
    expect(inv.stdout + inv.stderr).not.toContain(secret);
  });

  it('reuses the key behind an alias: two encryptions decrypt under the same key file', () => {
    const a = run(['encrypt', '--kms', 'local', '--key', 'alias/webhooks', '--key-file', keyFile, 'value-one-long-enough']);
    const b = run(['encrypt', '--kms', 'local', '--key', 'alias/webhooks', '--key-file', keyFile, 'value-two-long-enough']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const keys = JSON.parse(readFileSync(keyFile, 'utf8')).keys;
    expect(keys).toHaveLength(1);
  });

  it('fails the invocation with the variable named when the ciphertext belongs to no known key', () => {
    const other = join(mkdtempSync(join(tmpdir(), 'thaw-kms-')), 'other.json');
    const enc = run(['encrypt', '--kms', 'local', '--key', 'alias/elsewhere', '--key-file', other], secret);
    const inv = run([
      'invoke', 'examples/secrets', '--kms', 'local', '--key-file', keyFile,
      '--env', `WEBHOOK_SIGNING_KEY=${enc.stdout.trim()}`, '--event', 'examples/secrets/event.json', '--json',
    ]);
    expect(inv.code).toBe(1);
    const out = JSON.parse(inv.stdout);
    expect(out.status).not.toBe('success');
    expect(JSON.stringify(out.error)).toContain('WEBHOOK_SIGNING_KEY');
    expect(inv.stdout + inv.stderr).not.toContain(secret);
  });

  it('gives usage errors for a missing key, an empty value and an unknown --kms', () => {
    expect(run(['encrypt', 'x'], '').stderr).toContain('--key is required');
    expect(run(['encrypt', '--key', 'alias/a', '--kms', 'local', '--key-file', keyFile], '\n').stderr).toContain('the value to encrypt is empty');
    expect(run(['encrypt', '--key', 'alias/a', '--kms', 'mars', 'v']).stderr).toContain('--kms must be "local"');
  });
});
