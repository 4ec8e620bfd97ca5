// The telemetry-fd log transport end to end: the runtime is started the way the platform
// starts it, with an inherited fd whose number is in _LAMBDA_TELEMETRY_LOG_FD, and every
// entry must arrive there as one frame. The frame decoder is written here from the
// contract, independently of the runtime's encoder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@thaw/emulator';
import { afterEach, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bootstrap = join(here, '..', '..', 'packages', 'runtime-client', 'dist', 'bootstrap.cjs');

interface Frame {
  type: number;
  micros: bigint;
  payload: string;
}

function decode(bytes: Buffer): Frame[] {
  const frames: Frame[] = [];
  let at = 0;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at + 4);
    frames.push({ type: bytes.readUInt32BE(at), micros: bytes.readBigUInt64BE(at + 8), payload: bytes.toString('utf8', at + 16, at + 16 + length) });
    at += 16 + length;
  }
  expect(at).toBe(bytes.length);
  return frames;
}

let emu: Emulator | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function runWithTelemetry(logFormat: 'Text' | 'JSON', logLevel?: string) {
  scratch = mkdtempSync(join(tmpdir(), 'thaw-telemetry-'));
  const file = join(scratch, 'frames.bin');
  writeFileSync(file, '');
  emu = await startEmulator({
    // fd 3 is opened by the shell and inherited by node, as the platform hands it over.
    command: ['/bin/sh', '-c', 'exec "$0" "$1" 3>>"$2"', process.execPath, bootstrap, file],
    handler: 'telemetry.handler',
    taskRoot: join(here, '..', 'fixtures', 'logging'),
    env: { _LAMBDA_TELEMETRY_LOG_FD: '3' },
    logFormat,
    ...(logLevel ? { logLevel } : {}),
  });
  const before = BigInt(Date.now()) * 1000n;
  const result = await emu.invoke({});
  const after = BigInt(Date.now()) * 1000n;
  return { result, frames: decode(readFileSync(file)), before, after };
}

const TEXT = 0xa55a0003;
const JSON_TYPE = 0xa55a0002;
const MASK = { TRACE: 4, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, FATAL: 24 };

describe('logs on the telemetry fd', () => {
  it('writes each Text entry as one frame with its level, keeps multi-line entries whole, and removes the variable', async () => {
    const { result, frames, after } = await runWithTelemetry('Text');
    expect(result.status).toBe('success');
    expect(result.response).toEqual({ telemetryVariableVisible: false });
    const id = result.requestId;
    expect(frames.map((f) => f.payload.split('\t').slice(1, 3).join(' '))).toEqual([
      '- INFO',
      `${id} DEBUG`,
      `${id} INFO`,
      `${id} ERROR`,
      `${id} FATAL`,
    ]);
    expect(frames.map((f) => f.type >>> 5 === TEXT >>> 5)).toEqual([true, true, true, true, true]);
    expect(frames.map((f) => f.type & 0x1f)).toEqual([3 | MASK.INFO, 3 | MASK.DEBUG, 3 | MASK.INFO, 3 | MASK.ERROR, 3 | MASK.FATAL]);
    expect(frames[2]?.payload).toMatch(/\tINFO\ttwo lines\nin one entry\n$/);
    expect(frames[3]?.payload).toMatch(/\tERROR\tfailed: TypeError: bad\n    at /);
    for (const frame of frames) expect(frame.micros).toBeLessThanOrEqual(after);
    // Nothing of it went to stdout.
    expect(result.logs.filter((line) => line.includes('in one entry'))).toEqual([]);
  });

  it('writes JSON frames filtered by AWS_LAMBDA_LOG_LEVEL', async () => {
    const { result, frames, before } = await runWithTelemetry('JSON', 'ERROR');
    expect(result.status).toBe('success');
    const entries = frames.map((f) => JSON.parse(f.payload));
    expect(entries.map((e) => e.level)).toEqual(['ERROR', 'FATAL']);
    expect(frames.map((f) => f.type)).toEqual([(JSON_TYPE | MASK.ERROR) >>> 0, (JSON_TYPE | MASK.FATAL) >>> 0]);
    expect(entries[0]).toMatchObject({ requestId: result.requestId, errorType: 'TypeError', errorMessage: 'bad' });
    for (const frame of frames) expect(frame.micros).toBeGreaterThanOrEqual(before);
  });
});
