import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { JobName, QueueName } from '@lib/queue';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';
import { applyTestEnv } from '../support/test-env';

const DAY = 24 * 60 * 60 * 1000;

async function seedAgency(client: Client, label: string) {
  const { agencyId, adminId: userId } = await insertAgencyWithAdmin(client, label);
  const session = async (expiresAt: Date) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO auth_sessions (agency_id, id, user_id, created_at, expires_at) VALUES ($1, $2, $3, now(), $4)`,
      [agencyId, id, userId, expiresAt],
    );
    return id;
  };
  return {
    agencyId,
    expired: await session(new Date(Date.now() - 60 * DAY)),
    live: await session(new Date(Date.now() + 10 * DAY)),
  };
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('the expired-session purge, through the worker on real Redis', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase();
    applyTestEnv(db);
    worker = await createWorkerApp();
    queue = worker.get<Queue>(getQueueToken(QueueName.MAINTENANCE));
  });

  afterAll(async () => {
    await worker.close();
    await db.drop();
  });

  it('sweeps every agency in its own job, deletes only what expired, and does nothing twice', async () => {
    const [a, b] = await withOwner(db.ownerUrl, async (client) => [
      await seedAgency(client, 'purge-a'),
      await seedAgency(client, 'purge-b'),
    ]);
    const sessions = () =>
      withOwner(db.ownerUrl, async (client) =>
        (await client.query('SELECT id FROM auth_sessions ORDER BY id')).rows.map((row) => row.id),
      );

    await queue.add(JobName.PURGE_EXPIRED_AUTH_SWEEP, {}, { jobId: 'sweep-1' });
    await waitFor(async () => (await queue.getJobCounts('completed')).completed >= 3, 'the sweep and two agency jobs');
    expect(await sessions()).toEqual([a.live, b.live].sort());

    // The same sweep again (a retry or a duplicate delivery) enqueues no second round of agency jobs.
    await queue.add(JobName.PURGE_EXPIRED_AUTH_SWEEP, {}, { jobId: 'sweep-1' });
    const agencyJobs = (await queue.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter(
      (job) => job.name === JobName.PURGE_EXPIRED_AUTH,
    );
    expect(agencyJobs.map((job) => job.data.agencyId).sort()).toEqual([a.agencyId, b.agencyId].sort());
  });

  it('schedules the daily sweep once, however many times the worker starts', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.filter((scheduler) => scheduler.key === JobName.PURGE_EXPIRED_AUTH_SWEEP)).toHaveLength(1);
  });
});
