// The Runtime API's answers, in the platform's JSON shapes.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-body.js';
import { MAX_XRAY_CAUSE_BYTES } from '../limits.js';
import type { Refusal } from '../sandbox.js';

export const EMPTY = Buffer.alloc(0);

export function accepted(res: ServerResponse): number {
  sendJson(res, 202, { status: 'OK' });
  return 202;
}

export function refuse(res: ServerResponse, refusal: Refusal): number {
  sendJson(res, refusal.status, { errorMessage: refusal.errorMessage, errorType: refusal.errorType });
  return refusal.status;
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The X-Ray error cause, when it is JSON within the platform's 64 KiB cap. */
export function xrayCause(value: string | string[] | undefined): unknown {
  const text = header(value);
  if (text === undefined || Buffer.byteLength(text) > MAX_XRAY_CAUSE_BYTES) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
