import { randomUUID } from 'node:crypto';
import { RequestContextFactory } from '@lib/context';
import { EscalationSweepJob } from '@lib/escalations';
import { RecomputeAgencyJob } from '@lib/next-steps';
import { jobId, JobName, JobQueue } from '@lib/queue';
import type { Job } from 'bullmq';
import { withOwner } from '../support/database';
import { EngineHarness, startEngineHarness } from '../support/engine-harness';
import { insertAgencyWithAdmin } from '../support/seed';
import { seedStalledAgencies } from '../support/stalled-agencies';

const PROBE_ROLE = 'recruiting_sweep_probe';

/**
 * The escalation sweep asks agencies_with_due_escalations() which agencies
 * have work, and enqueues a job for those alone. The function answers across
 * agencies, so these tests also hold it to answering nothing but agency ids.
 */
describe('The escalation sweep’s probe of agencies with work due', () => {
  let harness: EngineHarness;
  let stalled: string[];
  let idle: string;
  let waiting: string;
  let retryLater: string;

  beforeAll(async () => {
    harness = await startEngineHarness(new Date().toISOString());
    await withOwner(harness.db.ownerUrl, async (client) => {
      stalled = await seedStalledAgencies(client, { label: 'probe', agencies: 2, applicationsPerAgency: 3 });
      idle = (await insertAgencyWithAdmin(client, 'probe-idle')).agencyId;
      const withMail = await insertAgencyWithAdmin(client, 'probe-waiting');
      waiting = withMail.agencyId;
      await client.query(
        `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                                    payload, status, next_attempt_at, created_at)
         VALUES ($1, $2, 'probe-test', 'escalation.raised', 'EMAIL', $3, 'admin@probe-waiting.test', 'Subject', 'Body',
                 '{}', 'PENDING', now() - interval '30 days', now() - interval '30 days')`,
        [waiting, randomUUID(), withMail.adminId],
      );
      // A message whose last attempt failed, its retry an hour away: its own delayed delivery job is set for then.
      const withRetry = await insertAgencyWithAdmin(client, 'probe-retry-later');
      retryLater = withRetry.agencyId;
      await client.query(
        `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                                    payload, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, 'probe-retry', 'escalation.raised', 'EMAIL', $3, 'admin@probe-retry.test', 'Subject', 'Body',
                 '{}', 'PENDING', 1, now() + interval '1 hour', now())`,
        [retryLater, randomUUID(), withRetry.adminId],
      );
    });
    for (const agencyId of [...stalled, idle, waiting, retryLater])
      await harness.get(RecomputeAgencyJob).run({ agencyId });
  }, 60_000);

  afterAll(() => harness?.close());

  const probe = (at: Date) => {
    const contexts = harness.get(RequestContextFactory);
    return contexts.run(contexts.create(), async (ctx) =>
      (await ctx.query<{ id: string }>('SELECT agencies_with_due_escalations($1) AS id', [at])).map((row) => row.id),
    );
  };

  it('names the agencies with a rung due or a notification due for delivery, and no other', async () => {
    expect((await probe(harness.clock.now())).sort()).toEqual([...stalled, waiting].sort());
  });

  it('names an agency whose message waits for a retry once the retry falls due', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
    expect(await probe(inTwoHours)).toContain(retryLater);
  });

  it('leaves out rungs not due yet', async () => {
    const dueTimes = await withOwner(
      harness.db.ownerUrl,
      async (client) =>
        (
          await client.query<{ first: Date }>(
            'SELECT min(escalation_due_at) AS first FROM application_next_steps WHERE agency_id = ANY($1::uuid[])',
            [stalled],
          )
        ).rows[0]!.first,
    );
    expect(await probe(new Date(dueTimes.getTime() - 1000))).toEqual([waiting]);
  });

  it('fans the sweep out to those agencies only', async () => {
    const sweepId = `probe-sweep-${randomUUID()}`;
    const enqueued = await harness.get(EscalationSweepJob).run({}, { id: sweepId } as Job);
    expect(enqueued).toBe(3);
    const queue = harness.get(JobQueue).queueOf(JobName.ESCALATE_AGENCY);
    const jobOf = (agencyId: string) => queue.getJob(jobId(JobName.ESCALATE_AGENCY, sweepId, agencyId));
    for (const agencyId of [...stalled, waiting]) expect((await jobOf(agencyId))?.data).toEqual({ agencyId });
    expect(await jobOf(idle)).toBeUndefined();
    expect(await jobOf(retryLater)).toBeUndefined();
  });

  it('gives the application role nothing else across agencies: the next steps stay its own agency’s', async () => {
    const contexts = harness.get(RequestContextFactory);
    const unscoped = await contexts.run(contexts.create(), (ctx) =>
      ctx.query('SELECT agency_id FROM application_next_steps'),
    );
    expect(unscoped).toEqual([]);
    await expect(contexts.run(contexts.create(), (ctx) => ctx.query(`SET LOCAL ROLE ${PROBE_ROLE}`))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('runs as a role that cannot log in, has no members and owns this function alone', async () => {
    const role = await withOwner(harness.db.ownerUrl, async (client) => {
      const attributes = await client.query(
        `SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
        [PROBE_ROLE],
      );
      const members = await client.query(
        `SELECT member::regrole::text AS member FROM pg_auth_members WHERE roleid = $1::regrole`,
        [PROBE_ROLE],
      );
      const functions = await client.query(
        `SELECT proname FROM pg_proc WHERE proowner = $1::regrole ORDER BY proname`,
        [PROBE_ROLE],
      );
      const relations = await client.query(`SELECT relname FROM pg_class WHERE relowner = $1::regrole`, [PROBE_ROLE]);
      const creates = await client.query(`SELECT has_schema_privilege($1, 'public', 'CREATE') AS creates`, [
        PROBE_ROLE,
      ]);
      return {
        attributes: attributes.rows[0],
        members: members.rows,
        functions: functions.rows.map((row) => row.proname),
        relations: relations.rows,
        creates: creates.rows[0].creates,
      };
    });
    expect(role).toEqual({
      attributes: {
        rolcanlogin: false,
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
      },
      members: [],
      functions: ['agencies_with_due_escalations'],
      relations: [],
      creates: false,
    });
  });

  it('may read only the agency, due time and status columns of the tables it probes, and the keys of applications', async () => {
    const columns = await withOwner(harness.db.ownerUrl, async (client) =>
      (
        await client.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.column_privileges
            WHERE grantee = $1 ORDER BY table_name, column_name`,
          [PROBE_ROLE],
        )
      ).rows.map((row) => `${row.table_name}.${row.column_name}`),
    );
    expect(columns).toEqual([
      'application_next_steps.agency_id',
      'application_next_steps.escalation_due_at',
      'applications.agency_id',
      'applications.id',
      'notifications.agency_id',
      'notifications.next_attempt_at',
      'notifications.status',
    ]);
  });
});
