import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { peakResidentMiB } from '../support/peak-memory';

const ROOT = join(__dirname, '..', '..');
/** Enough of a server's warnings and errors to say why it failed, without keeping every line. */
const KEPT_LINES = 50;
const BOOT_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

export interface ChildServer {
  name: string;
  url: string;
  pid: number | undefined;
  /** Its stderr and its log lines at warn level and above, the last ones kept. */
  problems: string[];
  /** VmHWM: read it before stop(). */
  peakMiB(): number | undefined;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Whatever way the bench process ends, no server it started outlives it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function onLines(stream: Readable, onLine: (line: string) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    lines.forEach(onLine);
  });
}

/** A pino line at warn (40) or above, or any line that is not JSON: worth keeping for a failure message. */
function isProblem(line: string): boolean {
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
  } catch {
    return line.trim() !== '';
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Starts a TypeScript entry point as test/support/processes.ts does (same
 * loader, same working directory) and waits until `ready(url)` holds.
 */
export async function startChildServer(options: {
  name: string;
  entry: string;
  url: string;
  env: Record<string, string>;
  ready: (url: string) => Promise<boolean>;
}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, options.entry)], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const problems: string[] = [];
  const keep = (line: string) => {
    problems.push(line);
    if (problems.length > KEPT_LINES) problems.shift();
  };
  onLines(child.stdout!, (line) => isProblem(line) && keep(line));
  onLines(child.stderr!, (line) => line.trim() && keep(`stderr: ${line}`));

  const server: ChildServer = {
    name: options.name,
    url: options.url,
    pid: child.pid,
    problems,
    peakMiB: () => peakResidentMiB(child.pid),
    stop: async () => {
      if (!hasExited(child)) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
      running.delete(child);
    },
  };
  try {
    await waitUntilReady(server, child, options.ready);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(
  server: ChildServer,
  child: ChildProcess,
  ready: (url: string) => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`${server.name} exited on boot:\n${server.problems.join('\n')}`);
    if (await ready(server.url).catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${server.name} did not answer within ${BOOT_TIMEOUT_MS / 1000} s:\n${server.problems.join('\n')}`);
}

/** Stops every server, saying first what each logged at warn level or above: a load's failures are explained there. */
export async function stopServers(servers: readonly ChildServer[], log: (line: string) => void): Promise<void> {
  for (const server of servers) {
    if (server.problems.length > 0) {
      log(
        `${server.name} logged ${server.problems.length} warning or error lines, the last: ${server.problems.at(-1)}`,
      );
    }
  }
  await Promise.all(servers.map((server) => server.stop()));
}
