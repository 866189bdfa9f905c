import { randomUUID } from 'node:crypto';
import { ApplicationsService } from '@lib/applications';
import { DataRightsAgencyJob, ErasureService } from '@lib/data-rights';
import { EscalateAgencyJob } from '@lib/escalations';
import { FollowUpsService } from '@lib/follow-ups';
import { InterviewsService } from '@lib/interviews';
import { Channel, Outcome, Purpose } from '@lib/policy';
import { Client } from 'pg';
import { withOwner } from '../support/database';
import { EngineHarness, seedPipeline, SeededPipeline, startEngineHarness } from '../support/engine-harness';

const NAME = 'Ada Lovelace';
const EMAIL = 'ada@erasure.test';
const PHONE = '+44 20 7946 0321';
const REFEREE = { name: 'Charles Babbage', email: 'charles@engine.test', phone: '+44 20 7946 0999' };
const NEEDLES = [NAME, EMAIL, PHONE, REFEREE.name, REFEREE.email, REFEREE.phone];

/** Every text, JSON and text-array column of every table in which one of the needles still appears. */
async function findEverywhere(client: Client, needles: string[]): Promise<string[]> {
  const columns = (
    await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND (data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY'))`,
    )
  ).rows;
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const { rows } = await client.query(
        `SELECT count(*) AS n FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%'`,
        [needle],
      );
      if (Number(rows[0].n) > 0) found.push(`${table}.${column}: ${needle}`);
    }
  }
  return found;
}

describe('erasure and retention: a candidate anonymised across every table, statistics kept', () => {
  let harness: EngineHarness;
  let cast: SeededPipeline;
  let applicationId: string;
  const owner = <T>(work: (client: Client) => Promise<T>) => withOwner(harness.db.ownerUrl, work);

  beforeAll(async () => {
    harness = await startEngineHarness('2026-11-02T09:00:00Z');
    cast = await seedPipeline(harness.db, 'erasure');
    await owner(async (client) => {
      await client.query(`UPDATE candidates SET full_name = $2, email = $3, phone = $4 WHERE id = $1`, [
        cast.candidateId,
        NAME,
        EMAIL,
        PHONE,
      ]);
      await client.query(
        `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at, candidate_id)
         VALUES ($1, $2, $3, $4, 'CANDIDATE', '$argon2id$placeholder', now(), $5)`,
        [cast.agencyId, randomUUID(), EMAIL, NAME, cast.candidateId],
      );
      await client.query(
        `INSERT INTO candidate_references (agency_id, id, candidate_id, full_name, email, phone, informed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now())`,
        [cast.agencyId, randomUUID(), cast.candidateId, REFEREE.name, REFEREE.email, REFEREE.phone],
      );
    });
    applicationId = (
      await harness.asCounselor(cast, (ctx) =>
        harness.get(ApplicationsService).submit(ctx, {
          candidateId: cast.candidateId,
          positionId: cast.positionId,
          interestLevel: 4,
        }),
      )
    ).id;
    await harness.asCounselor(cast, async (ctx) => {
      await harness.get(InterviewsService).record(ctx, {
        applicationId,
        occurredAt: new Date('2026-11-02T08:00:00Z'),
        interviewerContactIds: [cast.hiringManagerId],
        arrangedByAgency: true,
      });
      await harness.get(FollowUpsService).log(ctx, {
        applicationId,
        contactId: cast.hrId,
        channel: Channel.PHONE,
        purpose: Purpose.STATUS_CHECK,
        outcome: Outcome.REACHED,
        occurredAt: new Date('2026-11-02T08:30:00Z'),
        notes: `Told HR that ${NAME} (${PHONE}, ${EMAIL}) can start soon; ${REFEREE.name} will vouch`,
      });
    });
    // Weeks of silence: the escalation e-mail to the counselor names the candidate.
    harness.clock.set('2026-12-01T09:00:00Z');
    await harness.get(EscalateAgencyJob).run({ agencyId: cast.agencyId });
  });

  afterAll(() => harness.close());

  it('holds the personal data in many places before', async () => {
    const found = await owner((client) => findEverywhere(client, NEEDLES));
    expect(found).toEqual(
      expect.arrayContaining([
        'candidates.full_name: Ada Lovelace',
        'follow_ups.notes: Ada Lovelace',
        'notifications.subject: Ada Lovelace',
        'candidate_references.email: charles@engine.test',
      ]),
    );
  });

  it("erases after the agency's review period, and then no text column of any table holds the person", async () => {
    const erasures = harness.get(ErasureService);
    const request = await harness.asCounselor(cast, (ctx) => erasures.request(ctx, cast.candidateId));
    expect(request.eraseAfter.toISOString()).toBe('2026-12-31T09:00:00.000Z');
    const before = await owner(async (client) => ({
      applications: (await client.query('SELECT count(*) AS n FROM applications')).rows[0].n,
      followUps: (await client.query('SELECT count(*) AS n FROM follow_ups')).rows[0].n,
      escalations: (await client.query('SELECT count(*) AS n FROM escalations')).rows[0].n,
    }));

    harness.clock.set('2026-12-20T09:00:00Z');
    expect(await harness.get(DataRightsAgencyJob).run({ agencyId: cast.agencyId })).toEqual({ anonymised: 0 });
    harness.clock.set('2026-12-31T10:00:00Z');
    expect(await harness.get(DataRightsAgencyJob).run({ agencyId: cast.agencyId })).toEqual({ anonymised: 1 });
    expect(await harness.get(DataRightsAgencyJob).run({ agencyId: cast.agencyId })).toEqual({ anonymised: 0 });

    expect(await owner((client) => findEverywhere(client, NEEDLES))).toEqual([]);
    const after = await owner(async (client) => ({
      applications: (await client.query('SELECT count(*) AS n FROM applications')).rows[0].n,
      followUps: (await client.query('SELECT count(*) AS n FROM follow_ups')).rows[0].n,
      escalations: (await client.query('SELECT count(*) AS n FROM escalations')).rows[0].n,
    }));
    expect(after).toEqual(before);
    const account = await owner(
      async (client) =>
        (await client.query(`SELECT full_name, password_hash FROM users WHERE candidate_id = $1`, [cast.candidateId]))
          .rows[0],
    );
    expect(account).toEqual({ full_name: 'Erased candidate', password_hash: '$argon2id$erased' });
    const completed = await owner(
      async (client) => (await client.query(`SELECT completed_at FROM erasure_requests`)).rows[0].completed_at,
    );
    expect(completed).not.toBeNull();
  });

  it('anonymises a candidate whose applications were all rejected longer ago than the retention period', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await owner(async (client) => {
      for (const [id, rejectedAt, label] of [
        [old, '2025-11-30T00:00:00Z', 'old'],
        [recent, '2026-11-30T00:00:00Z', 'recent'],
      ] as const) {
        await client.query(
          `INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [cast.agencyId, id, `Rejected ${label}`, `rejected-${label}@erasure.test`, cast.counselorId],
        );
        await client.query(
          `INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
           VALUES ($1, gen_random_uuid(), $2, $3, 3, 'REJECTED', $4, $4)`,
          [cast.agencyId, id, cast.positionId, rejectedAt],
        );
      }
    });
    expect(await harness.get(DataRightsAgencyJob).run({ agencyId: cast.agencyId })).toEqual({ anonymised: 1 });
    const names = await owner(
      async (client) =>
        (
          await client.query(`SELECT id, full_name FROM candidates WHERE id = ANY($1) ORDER BY full_name`, [
            [old, recent],
          ])
        ).rows,
    );
    expect(names).toEqual([
      { id: old, full_name: 'Erased candidate' },
      { id: recent, full_name: 'Rejected recent' },
    ]);
  });
});
