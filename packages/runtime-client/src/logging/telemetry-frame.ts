import type { LogLevel } from './levels.js';

// Frame types of the telemetry-fd contract; the level's mask is OR-ed into the low bits.
export const FRAME_TYPE_TEXT = 0xa55a0003;
export const FRAME_TYPE_JSON = 0xa55a0002;
export const FRAME_HEADER_BYTES = 16;

/**
 * One telemetry frame, header and payload in a single buffer so that one write puts the
 * whole frame on the fd (two writes could interleave with another writer's frame).
 * Header, big-endian: type|levelMask (4 bytes), payload length (4), timestamp in µs (8).
 */
export function encodeFrame(frameType: number, level: LogLevel, timestampMs: number, payload: string): Buffer {
  const length = Buffer.byteLength(payload, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.writeUInt32BE((frameType | level.frameMask) >>> 0, 0);
  frame.writeUInt32BE(length, 4);
  frame.writeBigUInt64BE(BigInt(timestampMs) * 1000n, 8);
  frame.write(payload, FRAME_HEADER_BYTES, length, 'utf8');
  return frame;
}

/** The inverse of encodeFrame, for tests and tools that read a telemetry stream. */
export interface DecodedFrame {
  type: number;
  length: number;
  timestampMicros: bigint;
  payload: string;
}

export function decodeFrames(bytes: Buffer): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32BE(offset + 4);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (end > bytes.length) throw new Error(`Truncated telemetry frame at byte ${offset}: header says ${length} payload bytes, ${bytes.length - offset - FRAME_HEADER_BYTES} present.`);
    frames.push({
      type: bytes.readUInt32BE(offset),
      length,
      timestampMicros: bytes.readBigUInt64BE(offset + 8),
      payload: bytes.toString('utf8', offset + FRAME_HEADER_BYTES, end),
    });
    offset = end;
  }
  if (offset !== bytes.length) throw new Error(`Trailing ${bytes.length - offset} bytes after the last telemetry frame.`);
  return frames;
}
