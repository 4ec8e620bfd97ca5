// Reads a child process's CPU time and memory from /proc (Linux). CPU comes from
// /proc/<pid>/task/*/schedstat, summed over threads: nanosecond resolution, where the
// utime/stime of /proc/<pid>/stat count 10 ms ticks, far too coarse for ~100 µs invocations.
// Threads include libuv's pool, V8's helpers and the official client's worker threads.
import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (user + system) consumed so far by all live threads of `pid`, in nanoseconds. */
export function cpuNs(pid) {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread exited between the listing and the read; its time is gone with it.
    }
  }
  return total;
}

/** Current and peak resident memory of `pid`, in MiB (VmRSS and VmHWM). */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${field} line; is this Linux with procfs?`);
    return Number(m[1]);
  };
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Number of threads of `pid` (to show the official client's worker threads). */
export function threadCount(pid) {
  return readdirSync(`/proc/${pid}/task`).length;
}

/** Throws a clear error when /proc cannot give per-thread CPU times here. */
export function assertProcAvailable() {
  try {
    cpuNs(process.pid);
    memoryMiB(process.pid);
  } catch (err) {
    throw new Error(`The runtime benchmark reads CPU and memory from /proc and needs Linux with schedstat: ${err.message}`);
  }
}
