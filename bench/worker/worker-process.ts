import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { peakResidentMiB } from '../support/peak-memory';

const ROOT = join(__dirname, '..', '..');
const ENTRY = 'bench/worker/worker-at-fixed-time.ts';
const BOOT_TIMEOUT_MS = 90_000;

export interface WorkerProcess {
  /** VmHWM in MiB: read it before stop(). */
  peakMiB(): number | undefined;
  /** Its stderr and warnings, for a failure message. */
  problems: string[];
  stop(): Promise<void>;
}

/** bench/worker/worker-at-fixed-time.ts as a child process, once its processors take jobs. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, ENTRY)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const problems: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => problems.push(chunk.toString().trim()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The worker did not start: ${problems.join('\n')}`)),
      BOOT_TIMEOUT_MS,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('ready')) {
        clearTimeout(timer);
        resolve();
      } else if (/"level":(4|5|6)\d/.test(text)) problems.push(text.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The worker exited (${code}) before it was ready: ${problems.join('\n')}`));
    });
  });
  return {
    problems,
    peakMiB: () => peakResidentMiB(child.pid),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
