import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Injectable, INestApplicationContext, Module } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { ClockModule } from '@lib/clock';
import { authConfig, ConfigModule, RedisTarget } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { TooManyRequestsError } from '@lib/errors';
import {
  AgencyFanOut,
  bullPrefix,
  closeQueueConnection,
  jobId,
  JobName,
  JobQueue,
  QueueModule,
  QueueName,
  queueConnection,
} from '@lib/queue';
import { REDIS_CLIENT, RedisModule } from '@lib/redis';
import { Job, Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { LoginThrottleService } from '../../libs/auth/src/login-throttle.service';
import { chaosEnv } from '../chaos/support/chaos-env';
import { Fleet } from '../chaos/support/fleet';
import { isSettled, outboxSnapshot, settledOutbox } from '../chaos/support/outbox';
import { addStalledBatch, checkAgainstLadder, undisturbedLadder } from '../chaos/support/stalled-pipeline';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { startEngineHarness } from '../support/engine-harness';
import { LocalRedisCluster, startRedisCluster } from '../support/redis-cluster';
import { insertAgencyWithAdmin } from '../support/seed';
import { applyTestEnv } from '../support/test-env';
import { until } from '../support/processes';

/**
 * Issue 9, item 6: the product's queues and Redis keys on a real Redis Cluster (three masters started here,
 * on free ports), reached through REDIS_CLUSTER_NODES as the apps reach it: in process (the queue and Redis
 * modules, the login throttle), then the worker process itself sweeping stalled agencies.
 */
interface Run {
  queue: string;
  name: string;
  id: string;
  attempt: number;
}

const runs: Run[] = [];
/** A job whose id starts with FAIL_ONCE fails its first attempt; one whose id starts with SLOW takes SLOW_MS. */
const FAIL_ONCE = 'retry';
const SLOW = 'slow';
const SLOW_MS = 1500;

@Injectable()
abstract class Recorder extends WorkerHost {
  async process(job: Job): Promise<string> {
    runs.push({ queue: job.queueName, name: job.name, id: job.id!, attempt: job.attemptsMade + 1 });
    if (job.id!.startsWith(FAIL_ONCE) && job.attemptsMade === 0)
      throw new Error('failing the first attempt on purpose');
    if (job.id!.startsWith(SLOW)) await new Promise((done) => setTimeout(done, SLOW_MS));
    return 'done';
  }
}

// As apps/worker/src/processors.ts: one processor per queue, discovered and run by @nestjs/bullmq.
@Processor(QueueName.MAINTENANCE)
class MaintenanceRecorder extends Recorder {}
@Processor(QueueName.FOLLOW_UP, { concurrency: 4 })
class FollowUpRecorder extends Recorder {}
@Processor(QueueName.NOTIFICATIONS, { concurrency: 4 })
class NotificationsRecorder extends Recorder {}

@Module({
  imports: [ConfigModule, ClockModule, DatabaseModule, RedisModule, QueueModule, ContextModule],
  providers: [MaintenanceRecorder, FollowUpRecorder, NotificationsRecorder],
})
class ClusterProbeModule {}

describe('Redis Cluster: the product on three masters', () => {
  let cluster: LocalRedisCluster;
  let db: TestDatabase;
  let app: INestApplicationContext | undefined;
  let target: RedisTarget;
  const keyPrefix = `cluster-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    db = await createTestDatabase();
    // REDIS_URL gives the cluster's credentials only (none here): the nodes come from REDIS_CLUSTER_NODES.
    const env = applyTestEnv(db, {
      REDIS_URL: `redis://${cluster.seedList.split(',')[0]}`,
      REDIS_CLUSTER_NODES: cluster.seedList,
      REDIS_KEY_PREFIX: keyPrefix,
    });
    target = { url: env.REDIS_URL!, clusterNodes: cluster.nodes };
    process.stdout.write(`\n[redis-cluster] 3 masters on ports ${cluster.nodes.map((node) => node.port).join(', ')}\n`);
  }, 60000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.drop();
    await cluster?.stop();
  });

  it('runs the product queues on the cluster: delays, fan-out, retries with its job options, schedulers, removal', async () => {
    const agencies = await withOwner(db.ownerUrl, async (client) => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await insertAgencyWithAdmin(client, `cluster-${keyPrefix}-${i}`)).agencyId);
      return ids;
    });
    app = await (await Test.createTestingModule({ imports: [ClusterProbeModule] }).compile()).init();
    const jobs = app.get(JobQueue);
    const connection = jobs.queueByName(QueueName.FOLLOW_UP).opts.connection as Cluster;
    expect(connection.isCluster).toBe(true);
    expect(jobs.queueByName(QueueName.FOLLOW_UP).opts.prefix).toBe(`{${keyPrefix}:bull}`);

    // A next step's delayed wake-up, as the planner schedules it.
    const wakeUp = jobId(JobName.NEXT_STEP_DUE, agencies[0]!, 'application-1', Date.now());
    await jobs.add(
      JobName.NEXT_STEP_DUE,
      { agencyId: agencies[0]!, applicationId: 'application-1' },
      { jobId: wakeUp, delay: 300 },
    );
    // A sweep's fan-out (addBulk), twice under the same sweep id: the job ids make the second add nothing.
    const sweep = { id: 'cluster-sweep' } as Job;
    expect(await app.get(AgencyFanOut).enqueueForEveryAgency(sweep, JobName.ESCALATE_AGENCY)).toBe(3);
    await app.get(AgencyFanOut).enqueueForEveryAgency(sweep, JobName.ESCALATE_AGENCY);
    // A job that fails once and is retried under the product's default job options (a short backoff here).
    await jobs.add(
      JobName.DELIVER_NOTIFICATIONS,
      { agencyId: agencies[1]! },
      { jobId: `${FAIL_ONCE}-delivery`, backoff: { type: 'fixed', delay: 100 } },
    );
    // A job scheduler, as the worker installs its sweeps, and a delayed job removed before it runs.
    const sweeps = jobs.queueOf(JobName.ESCALATION_SWEEP);
    await sweeps.upsertJobScheduler(
      JobName.ESCALATION_SWEEP,
      { every: 250 },
      { name: JobName.ESCALATION_SWEEP, data: {} },
    );
    await jobs.add(
      JobName.DIGEST_AGENCY,
      { agencyId: agencies[2]! },
      { jobId: 'removed-before-it-runs', delay: 60000 },
    );
    await jobs.remove(JobName.DIGEST_AGENCY, 'removed-before-it-runs');

    await until(
      () =>
        runs.some((run) => run.id === wakeUp) &&
        runs.filter((run) => run.name === JobName.ESCALATE_AGENCY).length === 3 &&
        runs.some((run) => run.id === `${FAIL_ONCE}-delivery` && run.attempt === 2) &&
        runs.some((run) => run.name === JobName.ESCALATION_SWEEP),
      'every job to run on the cluster',
      20000,
      50,
    );
    await sweeps.removeJobScheduler(JobName.ESCALATION_SWEEP);

    const retried = (await jobs.queueOf(JobName.DELIVER_NOTIFICATIONS).getJob(`${FAIL_ONCE}-delivery`))!;
    expect({
      state: await retried.getState(),
      attemptsMade: retried.attemptsMade,
      attempts: retried.opts.attempts,
    }).toEqual({
      state: 'completed',
      attemptsMade: 2,
      attempts: 5,
    });
    expect(
      runs
        .filter((run) => run.name === JobName.ESCALATE_AGENCY)
        .map((run) => run.id)
        .sort(),
    ).toEqual(agencies.map((agency) => jobId(JobName.ESCALATE_AGENCY, sweep.id!, agency)).sort());
    expect(await jobs.queueOf(JobName.DIGEST_AGENCY).getJob('removed-before-it-runs')).toBeUndefined();
    expect(runs.some((run) => run.id === 'removed-before-it-runs')).toBe(false);
    process.stdout.write(
      `[redis-cluster] ${runs.length} job runs on the cluster (${[...new Set(runs.map((run) => run.name))].join(', ')})\n`,
    );
  });

  it("keeps the login throttle's counts on the cluster: the product's own keys, one per command", async () => {
    const throttle = new LoginThrottleService(app!.get(REDIS_CLIENT), authConfig());
    expect((app!.get(REDIS_CLIENT) as Cluster).isCluster).toBe(true);
    const attempt = { agencySlug: 'cluster', email: 'someone@cluster.test', clientAddress: '203.0.113.9' };
    // Three free failures, then the fourth claims a one-second cooldown that refuses the fifth.
    for (let i = 0; i < 4; i++) await throttle.reserveAttempt(attempt);
    await expect(throttle.reserveAttempt(attempt)).rejects.toBeInstanceOf(TooManyRequestsError);
    await throttle.recordSuccess(attempt);
  });

  it('closes the shared cluster client only after the workers have finished the jobs in hand', async () => {
    const jobs = app!.get(JobQueue);
    const connection = jobs.queueByName(QueueName.MAINTENANCE).opts.connection as Cluster;
    await jobs.add(JobName.PURGE_EXPIRED_AUTH, { agencyId: 'any' }, { jobId: `${SLOW}-in-hand` });
    await until(() => runs.some((run) => run.id === `${SLOW}-in-hand`), 'the slow job to start', 10000, 20);
    const closing = app!.close();
    app = undefined;
    // Closed too early, the client leaves the worker unable to finish the job, and the close never ends.
    await Promise.race([
      closing,
      new Promise((_, late) => setTimeout(() => late(new Error('The app did not close within 10 s')), 10000).unref()),
    ]);
    // Quit (it answers before the sockets have closed), not left open.
    expect(['disconnecting', 'close', 'end']).toContain(connection.status);

    const observer = queueConnection(target);
    const queue = new Queue(QueueName.MAINTENANCE, { connection: observer, prefix: bullPrefix(keyPrefix) });
    try {
      expect(await (await queue.getJob(`${SLOW}-in-hand`))!.getState()).toBe('completed');
    } finally {
      await queue.close();
      await closeQueueConnection(observer);
    }
  });

  it('runs the worker process on the cluster: `npm run sweep` raises every due rung once and delivers its e-mails', async () => {
    // Planned in process on the shared single Redis (no job of the planning reaches the cluster).
    const harness = await startEngineHarness(new Date().toISOString(), {
      REDIS_KEY_PREFIX: `cluster-plan-${randomBytes(4).toString('hex')}`,
      REDIS_CLUSTER_NODES: '',
    });
    const fleet = new Fleet();
    const setting = chaosEnv(harness.db, target.url, { REDIS_CLUSTER_NODES: cluster.seedList });
    try {
      const agencyIds = await addStalledBatch(harness, { label: 'cluster', agencies: 2, applicationsPerAgency: 10 });
      const ladder = await undisturbedLadder(harness, agencyIds[0]!);
      await harness.stop();
      await fleet.startReadyWorker('worker', setting.env);
      const root = join(__dirname, '..', '..');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-r', '@swc-node/register', join(root, 'scripts', 'run-sweep.ts')],
        { cwd: root, env: { ...process.env, ...setting.env } },
      );
      expect(stdout).toMatch(/^Escalation sweep enqueued as job /);

      const outcome = async () => ({
        ladder: await checkAgainstLadder(harness.db.ownerUrl, agencyIds, ladder),
        outbox: await outboxSnapshot(harness.db.ownerUrl, setting.mailDir),
      });
      await until(
        async () => {
          const now = await outcome();
          return now.ladder.offLadder.length === 0 && isSettled(now.outbox);
        },
        'every rung raised and every e-mail delivered',
        30000,
        200,
      ).catch((error: Error) => {
        throw new Error(`${error.message}. The worker's warnings and errors:\n${fleet.problems().join('\n')}`);
      });
      const settled = await outcome();
      const rungs = ladder.rungs.split(' ').length;
      expect(settled.ladder).toEqual({ applications: 20, escalations: 20 * rungs, offLadder: [], offMessages: [] });
      expect(settled.outbox).toEqual(settledOutbox(settled.outbox));
      expect(settled.outbox.emails).toBe(20 * rungs * ladder.emailsPerEscalation);

      // The worker installed its schedules on the cluster too.
      const connection = queueConnection(target);
      const queue = new Queue(QueueName.FOLLOW_UP, { connection, prefix: bullPrefix(setting.keyPrefix) });
      try {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.map((scheduler) => scheduler.key)).toContain(JobName.ESCALATION_SWEEP);
      } finally {
        await queue.close();
        await closeQueueConnection(connection);
      }
      process.stdout.write(
        `[redis-cluster] worker process on the cluster: ${settled.ladder.escalations} escalations and ` +
          `${settled.outbox.emails} e-mails, each once, from one \`npm run sweep\`\n`,
      );
    } finally {
      await fleet.stopAll();
      await harness.db.drop();
      await setting.cleanUp();
    }
  });

  it('refuses the same queue without the hash tag (CROSSSLOT): the prefix is what makes it work', async () => {
    const connection = queueConnection(target);
    const tagged = new Queue(QueueName.FOLLOW_UP, { connection, prefix: bullPrefix(`${keyPrefix}-again`) });
    const untagged = new Queue(QueueName.FOLLOW_UP, { connection, prefix: `${keyPrefix}:bull` });
    try {
      await expect(tagged.add(JobName.ESCALATION_SWEEP, {})).resolves.toBeDefined();
      await expect(untagged.add(JobName.ESCALATION_SWEEP, {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await Promise.all([tagged.close(), untagged.close()]);
      await closeQueueConnection(connection);
    }
  });
});
