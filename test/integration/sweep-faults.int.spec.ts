import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@lib/local-infra';
import { RecomputeAgencyJob } from '@lib/next-steps';
import { bullPrefix, JobName, QueueName } from '@lib/queue';
import { Queue } from 'bullmq';
import { TestDatabase, withOwner } from '../support/database';
import { startEngineHarness } from '../support/engine-harness';
import { seedStalledAgencies } from '../support/stalled-agencies';
import { testInfra } from '../support/infra';
import { RunningApp, startApp, until } from '../support/processes';

const OPS_PASSWORD = 'operators only, please';
// More agencies than the worker runs at once (4), so a sweep takes several rounds and a kill lands inside it.
const AGENCIES = 12;
const APPLICATIONS_PER_AGENCY = 50;
const TOTAL_APPLICATIONS = AGENCIES * APPLICATIONS_PER_AGENCY;

interface Scenario {
  db: TestDatabase;
  env: Record<string, string>;
  mailDir: string;
  queue: Queue;
  workers: RunningApp[];
}

/** A seeded database whose applications are planned (no job scheduled anywhere yet), and its worker settings. */
async function prepare(): Promise<Scenario> {
  const harness = await startEngineHarness(new Date().toISOString(), {
    REDIS_KEY_PREFIX: `faults-plan-${randomBytes(4).toString('hex')}`,
  });
  await withOwner(harness.db.ownerUrl, (client) =>
    seedStalledAgencies(client, { label: 'fault', agencies: AGENCIES, applicationsPerAgency: APPLICATIONS_PER_AGENCY }),
  );
  const agencies = await withOwner(harness.db.ownerUrl, async (client) =>
    (await client.query<{ id: string }>('SELECT id FROM agencies')).rows.map((row) => row.id),
  );
  for (const agencyId of agencies) await harness.get(RecomputeAgencyJob).run({ agencyId });
  await harness.stop();
  const prefix = `faults-${randomBytes(4).toString('hex')}`;
  const mailDir = join(tmpdir(), prefix);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: harness.db.ownerUrl,
    DATABASE_APP_URL: harness.db.appUrl,
    REDIS_URL: testInfra().redisUrl,
    REDIS_KEY_PREFIX: prefix,
    AUTH_JWT_SECRET: 'x'.repeat(40),
    MAIL_DIR: mailDir,
    SMTP_URL: '',
    NOTIFICATION_CLAIM_LEASE_MS: '1500',
    OPS_PASSWORD: OPS_PASSWORD,
  };
  const queue = new Queue(QueueName.FOLLOW_UP, {
    connection: { url: testInfra().redisUrl, maxRetriesPerRequest: null },
    prefix: bullPrefix(prefix),
  });
  return { db: harness.db, env, mailDir, queue, workers: [] };
}

async function startWorker(scenario: Scenario): Promise<RunningApp & { metricsPort: number }> {
  const metricsPort = await freePort();
  const worker = {
    ...startApp('apps/worker/src/main.ts', { ...scenario.env, WORKER_METRICS_PORT: String(metricsPort) }),
    metricsPort,
  };
  scenario.workers.push(worker);
  await until(() => worker.messages.includes('Ready'), 'a worker to be ready', 60000);
  return worker;
}

const count = (scenario: Scenario, sql: string) =>
  withOwner(scenario.db.ownerUrl, async (client) => Number((await client.query(sql)).rows[0].n));

interface Outcome {
  escalations: string[];
  notifications: number;
  delivered: number;
  files: number;
}

async function outcome(scenario: Scenario): Promise<Outcome> {
  const escalations = await withOwner(scenario.db.ownerUrl, async (client) =>
    (
      await client.query<{ key: string }>(
        `SELECT application_id || ' ' || level || ' ' || basis_at::text AS key FROM escalations ORDER BY 1`,
      )
    ).rows.map((row) => row.key),
  );
  const agencies = await readdir(scenario.mailDir).catch(() => [] as string[]);
  let files = 0;
  for (const agency of agencies) files += (await readdir(join(scenario.mailDir, agency))).length;
  return {
    escalations,
    notifications: await count(scenario, `SELECT count(*) AS n FROM notifications`),
    delivered: await count(scenario, `SELECT count(*) AS n FROM notifications WHERE status = 'DELIVERED'`),
    files,
  };
}

/** Waits until every escalation the reference run raised exists and every notification was delivered. */
async function settled(scenario: Scenario, expectedEscalations: number): Promise<Outcome> {
  await until(
    async () => {
      const now = await outcome(scenario);
      return now.escalations.length >= expectedEscalations && now.delivered === now.notifications && now.files > 0;
    },
    'the sweep and the deliveries to finish',
    90000,
    200,
  );
  // Whatever was still to come (a retried job, a second worker) has had time to arrive.
  await new Promise((done) => setTimeout(done, 1500));
  return outcome(scenario);
}

async function finish(scenario: Scenario): Promise<void> {
  for (const worker of scenario.workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exit;
  }
  await scenario.queue.obliterate({ force: true });
  await scenario.queue.close();
  await scenario.db.drop();
}

describe('escalation sweeps under faults: killed workers, two workers', () => {
  jest.setTimeout(180000);

  let reference: Outcome;

  it('an undisturbed sweep raises every due rung with one delivered e-mail each', async () => {
    const scenario = await prepare();
    try {
      const worker = await startWorker(scenario);
      await scenario.queue.add(JobName.ESCALATION_SWEEP, {}, { jobId: 'sweep-1' });
      await until(async () => (await count(scenario, 'SELECT count(*) AS n FROM escalations')) > 0, 'escalations');
      reference = await settled(scenario, TOTAL_APPLICATIONS);
      expect(reference.escalations.length).toBeGreaterThanOrEqual(TOTAL_APPLICATIONS);
      expect(new Set(reference.escalations).size).toBe(reference.escalations.length);
      expect(reference.notifications).toBe(reference.escalations.length);
      expect(reference.files).toBe(reference.notifications);

      // The worker's own metrics: how long each kind of job took.
      const metrics = await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`, {
        headers: { authorization: `Basic ${Buffer.from(`ops:${OPS_PASSWORD}`).toString('base64')}` },
      });
      expect(metrics.status).toBe(200);
      const body = await metrics.text();
      const completed =
        /job_duration_seconds_count\{queue="follow-up",name="follow-up\.escalation\.agency",status="completed"\} (\d+)/.exec(
          body,
        );
      // At least one per agency. A scheduled sweep falling inside the test adds one for each agency that has a
      // rung or a message due at that moment, which need not be all of them (agencies_with_due_escalations).
      expect(Number(completed?.[1])).toBeGreaterThanOrEqual(AGENCIES);
      expect(body).toContain('queue_jobs{queue="notifications",state="waiting"}');
    } finally {
      await finish(scenario);
    }
  });

  it('a worker killed with SIGKILL in the middle of a sweep, then restarted, ends with the same: none lost, none doubled', async () => {
    const scenario = await prepare();
    try {
      const doomed = await startWorker(scenario);
      await scenario.queue.add(JobName.ESCALATION_SWEEP, {}, { jobId: 'sweep-1' });
      await until(
        async () => (await count(scenario, 'SELECT count(*) AS n FROM escalations')) > 0,
        'the first agency to be swept',
        30000,
        5,
      );
      doomed.child.kill('SIGKILL');
      expect(await doomed.exit).toEqual({ code: null, signal: 'SIGKILL' });
      const atKill = await outcome(scenario);
      expect(atKill.escalations.length).toBeLessThan(reference.escalations.length);

      // Restarted, the next scheduled sweep comes round.
      await startWorker(scenario);
      await scenario.queue.add(JobName.ESCALATION_SWEEP, {}, { jobId: 'sweep-2' });
      expect(await settled(scenario, reference.escalations.length)).toEqual(reference);
    } finally {
      await finish(scenario);
    }
  });

  it('two workers sweeping at once give the same result as one', async () => {
    const scenario = await prepare();
    try {
      await Promise.all([startWorker(scenario), startWorker(scenario)]);
      await scenario.queue.add(JobName.ESCALATION_SWEEP, {}, { jobId: 'sweep-1' });
      await scenario.queue.add(JobName.ESCALATION_SWEEP, {}, { jobId: 'sweep-2' });
      expect(await settled(scenario, reference.escalations.length)).toEqual(reference);
    } finally {
      await finish(scenario);
    }
  });
});
