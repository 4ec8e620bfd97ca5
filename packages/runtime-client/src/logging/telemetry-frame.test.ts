import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from './levels.js';
import { decodeFrames, encodeFrame, FRAME_TYPE_JSON, FRAME_TYPE_TEXT } from './telemetry-frame.js';

describe('telemetry frames', () => {
  it('has a 16-byte big-endian header: type|level mask, length, microseconds', () => {
    const frame = encodeFrame(FRAME_TYPE_JSON, LOG_LEVELS.ERROR, 1_700_000_000_123, '{"a":"é"}');
    expect(frame.readUInt32BE(0)).toBe(0xa55a0016);
    expect(frame.readUInt32BE(4)).toBe(Buffer.byteLength('{"a":"é"}'));
    expect(frame.readBigUInt64BE(8)).toBe(1_700_000_000_123_000n);
    expect(frame.subarray(16).toString()).toBe('{"a":"é"}');
  });

  it('sets the level mask for each level on text frames too', () => {
    const masks = Object.values(LOG_LEVELS).map((level) => encodeFrame(FRAME_TYPE_TEXT, level, 0, 'x').readUInt32BE(0) & 0x1f);
    expect(masks).toEqual([0b00111, 0b01011, 0b01111, 0b10011, 0b10111, 0b11011]);
  });

  it('round-trips several frames', () => {
    const bytes = Buffer.concat([
      encodeFrame(FRAME_TYPE_TEXT, LOG_LEVELS.INFO, 1, 'line one\nstill one entry\n'),
      encodeFrame(FRAME_TYPE_JSON, LOG_LEVELS.WARN, 2, '{}'),
    ]);
    const frames = decodeFrames(bytes);
    expect(frames.map((f) => f.payload)).toEqual(['line one\nstill one entry\n', '{}']);
    expect(frames.map((f) => f.timestampMicros)).toEqual([1000n, 2000n]);
  });

  it('says where a stream of frames is truncated', () => {
    const frame = encodeFrame(FRAME_TYPE_TEXT, LOG_LEVELS.INFO, 1, 'abcdef');
    expect(() => decodeFrames(frame.subarray(0, 18))).toThrow(/Truncated telemetry frame at byte 0/);
  });
});
