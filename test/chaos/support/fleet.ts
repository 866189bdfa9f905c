import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { RunningApp } from '../../support/processes';
import { SeededRandom } from './seeded-random';
import { waitFor } from './wait';

const ROOT = join(__dirname, '..', '..', '..');
const API_ENTRY = 'apps/api/src/main.ts';
const WORKER_ENTRY = 'apps/worker/src/main.ts';
/** Enough of a process's warnings and errors to say why it did not recover, without keeping every access line. */
const KEPT_PROBLEMS = 200;

export interface LogProblem {
  at: number;
  level: number;
  msg: string;
  err?: string;
}

export interface FleetApp extends RunningApp {
  name: string;
  /** Its log lines at warn level and above, the last ones kept. */
  problems: LogProblem[];
}

/**
 * Starts an app as test/support/processes.ts's startApp does (same entry points, same loader, its log
 * messages collected the same way), but keeps its stderr instead of passing it through: BullMQ prints every
 * "Missing key for job" of a Redis that came back empty there, which belongs in a failure report, not in
 * every run's output. Keeps the log lines at warn level and above too.
 */
function startQuietApp(name: string, entry: string, env: Record<string, string>): FleetApp {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const app: FleetApp = {
    name,
    child,
    messages: [],
    problems: [],
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  const keep = (problem: LogProblem) => {
    app.problems.push(problem);
    if (app.problems.length > KEPT_PROBLEMS) app.problems.shift();
  };
  onLines(child.stdout!, (line) => {
    let entry: { level?: number; msg?: unknown; err?: { message?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    app.messages.push(String(entry.msg));
    if ((entry.level ?? 0) >= 40)
      keep({ at: Date.now(), level: entry.level!, msg: String(entry.msg), err: entry.err?.message });
  });
  onLines(child.stderr!, (line) => {
    if (line.trim()) keep({ at: Date.now(), level: 50, msg: `stderr: ${line.trim()}` });
  });
  return app;
}

function onLines(stream: Readable, onLine: (line: string) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    lines.forEach(onLine);
  });
}

const isRunning = (app: RunningApp) => app.child.exitCode === null && app.child.signalCode === null;

/** The worker says Ready once its processors take jobs. */
function waitForReady(worker: FleetApp, timeoutMs = 60000): Promise<void> {
  const ready = waitFor(
    () => {
      if (!isRunning(worker)) throw new Error(`${worker.name} exited before it was ready`);
      return worker.messages.includes('Ready');
    },
    `${worker.name} to be ready`,
    timeoutMs,
  );
  // Awaited later (or never, when the worker is killed first): not an unhandled rejection meanwhile.
  ready.catch(() => undefined);
  return ready;
}

/**
 * Every API and worker process a test starts, so that each is stopped at the end even when the test fails,
 * and so that a failure can show what the processes logged.
 */
export class Fleet {
  private readonly apps: FleetApp[] = [];

  startWorker(name: string, env: Record<string, string>): FleetApp {
    return this.start(name, WORKER_ENTRY, env);
  }

  startApi(name: string, env: Record<string, string>): FleetApp {
    return this.start(name, API_ENTRY, env);
  }

  async startReadyWorker(name: string, env: Record<string, string>): Promise<FleetApp> {
    const worker = this.startWorker(name, env);
    await waitForReady(worker);
    return worker;
  }

  /** SIGKILL: no shutdown hook runs, no lock is released, nothing in hand is finished. */
  async kill(app: FleetApp): Promise<void> {
    if (isRunning(app)) app.child.kill('SIGKILL');
    await app.exit;
  }

  /** Warnings and errors of every process started, oldest first, for a failure message. */
  problems(): string[] {
    return this.apps
      .flatMap((app) => app.problems.map((problem) => ({ ...problem, name: app.name })))
      .sort((a, b) => a.at - b.at)
      .map((problem) => `${problem.name}: ${problem.msg}${problem.err ? ` (${problem.err})` : ''}`);
  }

  /** SIGKILL whatever still runs: the end of a test needs nothing they would finish. */
  async stopAll(): Promise<void> {
    await Promise.all(this.apps.map((app) => this.kill(app)));
  }

  private start(name: string, entry: string, env: Record<string, string>): FleetApp {
    const app = startQuietApp(name, entry, env);
    this.apps.push(app);
    return app;
  }
}

interface Slot {
  worker: FleetApp;
  /** Resolves once the worker said Ready; rejects if it died first. */
  ready: Promise<void>;
}

/**
 * A fixed number of worker slots. A killed worker's slot is restarted at once, as an orchestrator restarts a
 * crashed container, without waiting for it: the others keep taking jobs meanwhile, and the next kill may find
 * every worker down for a moment.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly restarts: Array<Promise<number>> = [];

  constructor(
    private readonly fleet: Fleet,
    private readonly env: Record<string, string>,
  ) {}

  async start(count: number): Promise<void> {
    for (let slot = 0; slot < count; slot++) this.slots.push(this.launch(`worker-${slot + 1}`));
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  /** SIGKILLs one ready worker chosen by `random` (waiting for one when none is) and restarts its slot. Returns its name. */
  async killOne(random: SeededRandom): Promise<string> {
    let ready = this.slots.filter((slot) => isRunning(slot.worker) && slot.worker.messages.includes('Ready'));
    if (ready.length === 0) {
      await Promise.race(this.slots.map((slot) => slot.ready));
      ready = this.slots.filter((slot) => isRunning(slot.worker) && slot.worker.messages.includes('Ready'));
    }
    const victim = random.pick(ready);
    await this.fleet.kill(victim.worker);
    const killedAt = Date.now();
    const index = this.slots.indexOf(victim);
    const replacement = this.launch(`worker-${index + 1}.${this.restarts.length + 1}`);
    this.slots[index] = replacement;
    const took = replacement.ready.then(() => Date.now() - killedAt);
    // Awaited by settle(); a replacement that dies on boot is reported there, not as an unhandled rejection.
    took.catch(() => undefined);
    this.restarts.push(took);
    return victim.worker.name;
  }

  /** Waits until every slot's worker is ready; returns how long each restart took, from SIGKILL to Ready. */
  async settle(): Promise<number[]> {
    await Promise.all(this.slots.map((slot) => slot.ready));
    return Promise.all(this.restarts);
  }

  private launch(name: string): Slot {
    const worker = this.fleet.startWorker(name, this.env);
    return { worker, ready: waitForReady(worker) };
  }
}
