// The Lambda-Runtime-Function-XRay-Error-Cause header: compact JSON that X-Ray shows as
// the fault's exception, at most 64 KiB, ASCII only (it travels as a header).
import type { ErrorBody } from './error-body.js';

interface Frame {
  path: string;
  line: number;
  label: string;
}

const MAX_BYTES = 64 * 1024;
// "    at label (path:line:col)" or "    at path:line:col"
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):\d+\)?$/;

function parseFrames(trace: readonly string[]): Frame[] {
  const frames: Frame[] = [];
  for (const line of trace) {
    const match = FRAME.exec(line);
    if (match) frames.push({ path: match[2]!, line: Number(match[3]), label: match[1] || 'anonymous' });
  }
  return frames;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xrayCause(body: ErrorBody, workingDirectory: string): string {
  let frames = parseFrames(body.trace);
  let message = body.errorMessage;
  for (;;) {
    const paths = [...new Set(frames.map((f) => f.path))];
    const text = asciiJson({
      working_directory: workingDirectory,
      exceptions: [{ type: body.errorType, message, stack: frames }],
      paths,
    });
    if (text.length <= MAX_BYTES) return text;
    // Too big: drop frames first (the top ones matter most), then shorten the message.
    if (frames.length > 10) frames = frames.slice(0, Math.floor(frames.length / 2));
    else if (message.length > 1024) message = `${message.slice(0, Math.floor(message.length / 2))}...`;
    else frames = [];
    if (frames.length === 0 && message.length <= 1024) {
      return asciiJson({ working_directory: workingDirectory.slice(0, 1024), exceptions: [{ type: body.errorType.slice(0, 256), message, stack: [] }], paths: [] });
    }
  }
}
