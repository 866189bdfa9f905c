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
  /** Set once it exited and its output was read to the end: how it ended. */
  ended?: string;
  /** Whether the test killed it: an end nobody asked for is a problem to report. */
  killed: boolean;
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
    killed: false,
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
  // 'close' comes after 'exit' and after the last of stdout and stderr: what it printed last is kept by then.
  child.once('close', (code, signal) => {
    app.ended = signal ? `killed by ${signal}` : `exit code ${code}`;
    if (!app.killed) keep({ at: Date.now(), level: 50, msg: `ended on its own: ${app.ended}` });
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
      if (worker.ended) throw new Error(`${worker.name} ended before it was ready (${worker.ended})`);
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
    if (isRunning(app)) {
      app.killed = true;
      app.child.kill('SIGKILL');
    }
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

/**
 * A slot whose worker ends on its own this many times running before it ever says Ready is crash-looping on
 * boot: a fault of the worker, which fails the test rather than being restarted forever.
 */
const BOOTS_PER_SLOT = 3;

interface Slot {
  /** The slot's current process: a boot that ended on its own is replaced by the next one. */
  worker: FleetApp;
  /** Resolves once the slot's worker said Ready; rejects if it crash-loops or is killed first. */
  ready: Promise<void>;
}

/**
 * A fixed number of worker slots. A killed worker's slot is restarted at once, as an orchestrator restarts a
 * crashed container, without waiting for it: the others keep taking jobs meanwhile, and the next kill may find
 * every worker down for a moment. As an orchestrator does, it also starts again a worker that ended on its own
 * before it was ready, and keeps how each of those ended for the test's report.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly restarts: Array<Promise<number>> = [];
  private readonly failedBoots: string[] = [];

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
    let ready = this.slots.filter((slot) => isReady(slot.worker));
    if (ready.length === 0) {
      await Promise.race(this.slots.map((slot) => slot.ready));
      ready = this.slots.filter((slot) => isReady(slot.worker));
    }
    const victim = random.pick(ready);
    await this.fleet.kill(victim.worker);
    const killedAt = Date.now();
    const index = this.slots.indexOf(victim);
    const replacement = this.launch(`worker-${index + 1}.${this.restarts.length + 1}`);
    this.slots[index] = replacement;
    const took = replacement.ready.then(() => Date.now() - killedAt);
    // Awaited by settle(); a replacement that crash-loops is reported there, not as an unhandled rejection.
    took.catch(() => undefined);
    this.restarts.push(took);
    return victim.worker.name;
  }

  /** Waits until every slot's worker is ready; returns how long each restart took, from SIGKILL to Ready. */
  async settle(): Promise<number[]> {
    await Promise.all(this.slots.map((slot) => slot.ready));
    return Promise.all(this.restarts);
  }

  /** Each worker that ended on its own before it was ready: its name, how it ended and the last thing it printed. */
  bootFailures(): string[] {
    return [...this.failedBoots];
  }

  private launch(name: string): Slot {
    const slot = { worker: this.fleet.startWorker(name, this.env) } as Slot;
    slot.ready = this.bootUntilReady(slot, name);
    // Awaited later (or never, when the test fails first): not an unhandled rejection meanwhile.
    slot.ready.catch(() => undefined);
    return slot;
  }

  private async bootUntilReady(slot: Slot, name: string): Promise<void> {
    for (let boot = 1; ; boot++) {
      try {
        return await waitForReady(slot.worker);
      } catch (error) {
        const { worker } = slot;
        if (!worker.ended || worker.killed || boot >= BOOTS_PER_SLOT) throw error;
        const printed = worker.problems.filter((problem) => !problem.msg.startsWith('ended on its own'));
        const last = printed.at(-1);
        this.failedBoots.push(
          `${worker.name} (${worker.ended}${last ? `, last printed: ${last.msg}` : ', nothing printed'})`,
        );
        slot.worker = this.fleet.startWorker(`${name}~${boot + 1}`, this.env);
      }
    }
  }
}

const isReady = (worker: FleetApp) => isRunning(worker) && worker.messages.includes('Ready');
