// The README's first command ends here: real functions from examples/, invoked through
// the thaw CLI, i.e. our bootstrap as a child process under the local emulator.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const thaw = join(root, 'packages', 'cli', 'bin', 'thaw.js');
// The demo's local KMS keys stay inside the checkout (ignored by git), not in ~/.thaw.
const keyFile = join(root, '.cache', 'demo', 'local-kms.json');
mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });

function thawCommand(args, { capture = false, input } = {}) {
  const run = spawnSync(process.execPath, [thaw, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    stdio: capture ? ['pipe', 'pipe', 'inherit'] : ['pipe', 'inherit', 'inherit'],
  });
  return { ok: run.status === 0, stdout: run.stdout ?? '' };
}

function section(title, args) {
  process.stdout.write(`\n━━ ${title}\n$ thaw ${args.join(' ')}\n`);
  return thawCommand(args).ok;
}

const results = [];

results.push(section('hello: one cold start, then warm invocations of the same environment', [
  'invoke', 'examples/hello', '--event', 'examples/hello/event.json', '--times', '3',
]));

results.push(section('init-cache: configuration loaded during init, reused by warm invocations (watch the hit count)', [
  'invoke', 'examples/init-cache', '--event', 'examples/init-cache/event.json', '--times', '3',
]));

results.push(section('observability: structured JSON logs and EMF metrics (Powertools formats), cold start flagged', [
  'invoke', 'examples/observability', '--event', 'examples/observability/event.json', '--times', '2',
]));

// A fresh directory stands for the /tmp of a brand-new environment; the second run reuses it
// as a restarted runtime (after a crash or timeout) would, since Lambda keeps /tmp then.
const tmpRoot = mkdtempSync(join(tmpdir(), 'thaw-demo-tmp-'));
results.push(section('tmp-cache: a 16 MiB artifact built once (cold miss), then served from /tmp (warm hit)', [
  'invoke', 'examples/tmp-cache', '--env', `TMP_CACHE_ROOT=${tmpRoot}`, '--timeout', '30', '--times', '2',
]));
results.push(section('tmp-cache: a new runtime process on the same /tmp finds the artifact of the earlier one', [
  'invoke', 'examples/tmp-cache', '--env', `TMP_CACHE_ROOT=${tmpRoot}`, '--timeout', '30',
]));

// The webhook signing key is encrypted with the local KMS stand-in, as the Lambda console's
// helpers do (context LambdaFunctionName), then decrypted once during init by the function.
process.stdout.write('\n━━ secrets: encrypt a signing key with the local KMS, then verify webhooks with it\n');
const encryptArgs = ['encrypt', '--kms', 'local', '--key', 'alias/demo-webhooks', '--function', 'webhook-verifier', '--key-file', keyFile];
process.stdout.write(`$ echo <signing key> | thaw ${encryptArgs.join(' ')}\n`);
const encrypted = thawCommand(encryptArgs, { capture: true, input: 'demo-webhook-signing-key-0123456789' });
const ciphertext = encrypted.stdout.trim();
process.stdout.write(`${ciphertext.slice(0, 48)}… (base64 ciphertext)\n`);
// The function's AWS SDK warns on Node.js 20, through console.error, so the line is ERROR.
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stdout.write(`(Node.js ${process.versions.node} here: expect the AWS SDK's NodeVersionSupportWarning at init, an ERROR line;\n its releases after early January 2027 need Node.js 22+, as do Lambda's current Node.js runtimes.)\n`);
}
results.push(encrypted.ok && section('secrets: the function decrypts it at init; warm invocations make no KMS call', [
  'invoke', 'examples/secrets', '--kms', 'local', '--key-file', keyFile, '--function-name', 'webhook-verifier',
  '--env', `WEBHOOK_SIGNING_KEY=${ciphertext}`, '--event', 'examples/secrets/event.json', '--times', '2',
]));

rmSync(tmpRoot, { recursive: true, force: true });
const failed = results.filter((ok) => !ok).length;
process.stdout.write(failed === 0 ? '\ndemo finished: every invocation succeeded\n' : `\ndemo: ${failed} step(s) failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
