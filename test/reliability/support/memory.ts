// Resident memory of a process from /proc/<pid>/status: VmRSS (now) and VmHWM (peak).
import { readFileSync } from 'node:fs';

export interface Rss {
  rssKiB: number;
  hwmKiB: number;
}

export function rssOf(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

/**
 * Memory held by JavaScript after a full collection (the suite runs with --expose-gc), in
 * KiB: the heap plus the memory outside it that Buffers hold (`external`).
 */
export function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return Math.round((usage.heapUsed + usage.external) / 1024);
}
