import { readFileSync } from 'node:fs';

/**
 * The most resident memory a process has held since it started (VmHWM), in
 * MiB, read from /proc; undefined where there is no /proc (macOS) or the
 * process has exited. Read it before stopping the process.
 */
export function peakResidentMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Math.round(Number(kib) / 1024);
  } catch {
    return undefined;
  }
}

export const mib = (value: number | undefined) => (value === undefined ? 'n/a' : `${value} MiB`);
