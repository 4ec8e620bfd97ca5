// Describes the machine a run happened on, for the report: numbers only compare within it.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export function machineInfo() {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    loadAtStart: loadavg().map((l) => l.toFixed(2)).join(' '),
    harnessNode: process.version,
    // The official client sizes its worker pool from this (8 x CPUs; 1 CPU when absent).
    cgroupCpuMax: readCpuMax(),
  };
}

function readCpuMax() {
  try {
    return readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim();
  } catch {
    return 'absent';
  }
}
