import { bullPrefix, JOB_QUEUES, jobId, JobName, QueueName, redisConnectionOptions } from '@lib/queue';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Job, JobsOptions, Queue } from 'bullmq';

export interface Backlog {
  active: number;
  waiting: number;
  /** Delayed jobs already due, or due within a second: about to run. */
  dueDelayed: number;
  failed: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The product's queues under one REDIS_KEY_PREFIX, as scripts/run-sweep.ts opens them, from the test process. */
export class ChaosQueues {
  private readonly queues: Queue[];

  constructor(
    private readonly redisUrl: string,
    private readonly keyPrefix: string,
  ) {
    this.queues = Object.values(QueueName).map(
      (name) =>
        new Queue(name, {
          connection: redisConnectionOptions(redisUrl),
          prefix: bullPrefix(keyPrefix),
        }),
    );
    // The test restarts Redis on purpose: ioredis reconnects, and meanwhile its errors are expected.
    for (const queue of this.queues) queue.on('error', () => undefined);
  }

  private queueOf(name: JobName): Queue {
    return this.queues.find((queue) => queue.name === JOB_QUEUES[name])!;
  }

  /**
   * What `npm run sweep` (scripts/run-sweep.ts) does: one sweep job, which fans out one job per agency, with
   * BullMQ's own job options (one attempt). `options` adds others. Returns its id.
   */
  async sweep(label: string, options: JobsOptions = {}): Promise<string> {
    const id = jobId('manual', JobName.ESCALATION_SWEEP, label);
    await this.queueOf(JobName.ESCALATION_SWEEP).add(JobName.ESCALATION_SWEEP, {}, { ...options, jobId: id });
    return id;
  }

  /** Runs `npm run sweep` itself (scripts/run-sweep.ts) against these queues; returns the job id it printed. */
  async runSweepCommand(): Promise<string> {
    const root = join(__dirname, '..', '..', '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', join(root, 'scripts', 'run-sweep.ts')],
      { cwd: root, env: { ...process.env, REDIS_URL: this.redisUrl, REDIS_KEY_PREFIX: this.keyPrefix } },
    );
    const id = /enqueued as job (\S+)/.exec(stdout)?.[1];
    if (!id) throw new Error(`npm run sweep printed no job id: ${stdout}`);
    return id;
  }

  /**
   * The retry options the product's own queues give every job they add, and the 15-minute schedule gives its
   * sweeps (QueueModule's defaultJobOptions), read from a job a worker enqueued: not copied into the test.
   */
  async productRetryOptions(): Promise<Pick<JobsOptions, 'attempts' | 'backoff'>> {
    const [job] = await this.queueOf(JobName.ESCALATE_AGENCY).getJobs(['completed'], 0, 0);
    if (!job) throw new Error('No job enqueued by the product to read its options from');
    return { attempts: job.opts.attempts, backoff: job.opts.backoff };
  }

  /** What NotificationKick does after a commit that wrote notifications. */
  async kickDelivery(agencyId: string, label: string): Promise<void> {
    await this.queueOf(JobName.DELIVER_NOTIFICATIONS).add(
      JobName.DELIVER_NOTIFICATIONS,
      { agencyId },
      { jobId: jobId(JobName.DELIVER_NOTIFICATIONS, agencyId, 'kick', label), removeOnComplete: true },
    );
  }

  /**
   * Whether a sweep and the agency jobs it fanned out have all completed. The sweep fans out only to the
   * agencies with work due, and returns how many: its agency jobs are found by their ids, which start with
   * the sweep's.
   */
  async sweepCompleted(sweepId: string): Promise<boolean> {
    const sweep = await this.queueOf(JobName.ESCALATION_SWEEP).getJob(sweepId);
    if (!sweep || (await sweep.getState()) !== 'completed') return false;
    const prefix = `${jobId(JobName.ESCALATE_AGENCY, sweepId)}.`;
    const agencyJobs = await this.queueOf(JobName.ESCALATE_AGENCY).getJobs(
      ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'],
      0,
      -1,
    );
    const fannedOut = agencyJobs.filter((job) => job?.id?.startsWith(prefix));
    if (fannedOut.length !== Number(sweep.returnvalue)) return false;
    const states = await Promise.all(fannedOut.map((job) => job.getState()));
    return states.every((state) => state === 'completed');
  }

  /** How many times a job has been tried so far (a job that failed and was retried has 2 or more). */
  async attemptsOf(name: JobName, id: string): Promise<number> {
    return (await this.queueOf(name).getJob(id))?.attemptsMade ?? 0;
  }

  /** A job's state, tries and last failure, for a failure message. */
  async describe(name: JobName, id: string): Promise<string> {
    const job = await this.queueOf(name).getJob(id);
    if (!job) return `${id}: not in the queue`;
    return `${id}: ${await job.getState()}, ${job.attemptsMade} attempt(s)${job.failedReason ? `, last failure: ${job.failedReason}` : ''}`;
  }

  async backlog(): Promise<Backlog> {
    const counts = await Promise.all(
      this.queues.map((queue) => queue.getJobCounts('active', 'waiting', 'prioritized', 'failed')),
    );
    const soon = Date.now() + 1000;
    const delayed = (await Promise.all(this.queues.map((queue) => queue.getDelayed()))).flat();
    return {
      active: sum(counts.map((count) => count.active ?? 0)),
      waiting: sum(counts.map((count) => (count.waiting ?? 0) + (count.prioritized ?? 0))),
      dueDelayed: delayed.filter((job: Job) => job.timestamp + (job.delay ?? 0) <= soon).length,
      failed: sum(counts.map((count) => count.failed ?? 0)),
    };
  }

  /** The names of the jobs running or waiting to, counted: what a queue that does not drain is holding. */
  async unfinished(): Promise<string> {
    const jobs = (
      await Promise.all(this.queues.map((queue) => queue.getJobs(['active', 'waiting', 'prioritized'])))
    ).flat();
    const counts = new Map<string, number>();
    for (const job of jobs) counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
    return [...counts].map(([name, count]) => `${count} ${name}`).join(', ');
  }

  /** Why jobs failed for good, counted by name and reason (a job stalled twice by kills fails, by design). */
  async failures(): Promise<string[]> {
    const failed = (await Promise.all(this.queues.map((queue) => queue.getFailed()))).flat();
    const counts = new Map<string, number>();
    for (const job of failed) {
      const key = `${job.name}: ${job.failedReason}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([reason, count]) => `${count} x ${reason}`);
  }

  /** Whether the job schedulers the worker upserts at start (the 15-minute sweep among them) exist. */
  async hasSweepSchedule(): Promise<boolean> {
    const schedulers = await this.queueOf(JobName.ESCALATION_SWEEP).getJobSchedulers();
    return schedulers.some((scheduler) => scheduler.key === JobName.ESCALATION_SWEEP);
  }

  /** Closes politely when Redis answers; a Redis that does not would keep a polite close waiting for ever. */
  async close(): Promise<void> {
    const closed = Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
    // Unref'd: a timer left running would keep Jest from exiting after the run.
    await Promise.race([closed, new Promise((done) => setTimeout(done, 5000).unref())]);
    await Promise.all(this.queues.map((queue) => queue.disconnect().catch(() => undefined)));
  }
}

/** Nothing running, waiting or about to run: only what the future (schedules, far retries) holds. */
export const isDrained = (backlog: Backlog) => backlog.active + backlog.waiting + backlog.dueDelayed === 0;
