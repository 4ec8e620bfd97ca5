import { readFileSync } from 'node:fs';
import { startKms } from '@thaw/emulator';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import { kmsMode, localKeyFile } from '../local-kms.js';

const help = `usage: thaw encrypt [value | -] --key <key id, ARN or alias> [options]

Encrypts a value for a KMS-encrypted Lambda environment variable and prints the
ciphertext (base64). The value comes from the argument, or standard input with "-" or
when no argument is given (prefer stdin: arguments end up in shell history).

options:
  --key <ref>            the KMS key (required)
  --function <name>      encrypt with the encryption context { LambdaFunctionName: <name> },
                         as the Lambda console's encryption helpers do (default: no context)
  --kms aws | local      the real KMS (default; credentials and region from the usual AWS
                         settings, AWS_ENDPOINT_URL_KMS honoured) or thaw's local stand-in,
                         whose keys are kept in --key-file (an alias is created on first use)
  --key-file <path>      local mode: key file (default $THAW_LOCAL_KMS_FILE or ~/.thaw/local-kms.json)
`;

export async function encrypt(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    key: { type: 'string' },
    function: { type: 'string' },
    kms: { type: 'string' },
    'key-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (!values.key) throw new UsageError('--key is required: the KMS key id, ARN or alias to encrypt with');
  const plaintext = readPlaintext(positionals[0]);
  const context = values.function ? { LambdaFunctionName: values.function } : undefined;
  const mode = kmsMode(values.kms, 'aws');
  const ciphertext = mode === 'local'
    ? await encryptLocally(values.key, plaintext, context, localKeyFile(values['key-file']))
    : await encryptWithAws(values.key, plaintext, context);
  process.stdout.write(`${ciphertext}\n`);
  return 0;
}

function readPlaintext(arg: string | undefined): Buffer {
  const fromStdin = arg === undefined || arg === '-';
  if (fromStdin && process.stdin.isTTY) throw new UsageError('no value: pass it on standard input (or as an argument)');
  // A trailing newline from `echo` is not part of the secret.
  const value = fromStdin ? readFileSync(0).toString('utf8').replace(/\r?\n$/, '') : arg;
  if (value.length === 0) throw new UsageError('the value to encrypt is empty');
  return Buffer.from(value, 'utf8');
}

async function encryptLocally(key: string, plaintext: Buffer, context: Record<string, string> | undefined, keyFile: string) {
  const kms = await startKms({ keyFile });
  try {
    const ref = key.startsWith('alias/') ? (await kms.ensureKey(key)).keyId : key;
    return await kms.encrypt(ref, plaintext, context);
  } finally {
    await kms.close();
  }
}

async function encryptWithAws(key: string, plaintext: Buffer, context: Record<string, string> | undefined) {
  const { KMSClient, EncryptCommand } = await import('@aws-sdk/client-kms');
  const client = new KMSClient({});
  try {
    const out = await client.send(new EncryptCommand({ KeyId: key, Plaintext: plaintext, EncryptionContext: context }));
    return Buffer.from(out.CiphertextBlob ?? new Uint8Array()).toString('base64');
  } catch (error) {
    // The SDK's message names the problem (no credentials, access denied, unknown key);
    // it never contains the plaintext.
    throw new UsageError(`KMS refused to encrypt with ${key}: ${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    client.destroy();
  }
}
