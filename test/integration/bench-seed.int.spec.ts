import { randomUUID } from 'node:crypto';
import { RequestContextFactory } from '@lib/context';
import { EscalationRaiser } from '@lib/escalations';
import { Stage } from '@lib/pipeline';
import { previousWeek, ReportFiguresService, reportWeek } from '@lib/reports';
import { Pool } from 'pg';
import { verifyForeignKeys } from '../../bench/seed/foreign-keys';
import { seedDatabase, SeedOptions, SeedSummary } from '../../bench/seed/seed';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { EngineHarness, startEngineHarness } from '../support/engine-harness';
import { insertAgencyWithAdmin } from '../support/seed';

const WEEK_START = '2026-11-16';
const OPTIONS: SeedOptions = { agencies: 3, totalCandidates: 300, seed: 11, weekStart: WEEK_START };

/** The tenant tables every generated agency has rows in. */
const PER_AGENCY_TABLES = [
  'users',
  'employers',
  'employer_contacts',
  'positions',
  'candidates',
  'candidate_references',
  'applications',
  'application_stage_changes',
  'interviews',
  'interview_interviewers',
  'debriefs',
  'follow_ups',
  'reference_signals',
  'tasks',
  'escalations',
  'application_next_steps',
];
/** Rows only some agencies have: a saved policy (agency 2 of 3), a webhook (agency 3 of 5). */
const SOME_AGENCIES_TABLES = ['agency_policies', 'agency_webhooks'];

async function countsByAgency(ownerUrl: string, table: string): Promise<Map<string, number>> {
  return withOwner(ownerUrl, async (client) => {
    const { rows } = await client.query<{ agency_id: string; n: number }>(
      `SELECT agency_id, count(*)::int AS n FROM ${table} GROUP BY agency_id`,
    );
    return new Map(rows.map((row) => [row.agency_id, row.n]));
  });
}

/** What a second run must reproduce: row counts, and the ids and stages of every application. */
async function fingerprint(ownerUrl: string): Promise<Record<string, string | number>> {
  return withOwner(ownerUrl, async (client) => {
    const prints: Record<string, string | number> = {};
    for (const table of [...PER_AGENCY_TABLES, ...SOME_AGENCIES_TABLES, 'agencies']) {
      prints[table] = Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    }
    prints.applicationStages = (
      await client.query(
        `SELECT md5(string_agg(id::text || stage || stage_changed_at::text, ',' ORDER BY id)) AS md5 FROM applications`,
      )
    ).rows[0].md5;
    prints.followUps = (
      await client.query(
        `SELECT md5(string_agg(id::text || occurred_at::text || outcome, ',' ORDER BY id)) AS md5 FROM follow_ups`,
      )
    ).rows[0].md5;
    return prints;
  });
}

describe('the benchmark data generator', () => {
  let harness: EngineHarness;
  let seeded: SeedSummary;

  beforeAll(async () => {
    // The clock at the end of the seeded week (Monday 00:00 in London, UTC in November): the generated "now".
    harness = await startEngineHarness('2026-11-23T00:00:00Z');
    seeded = await seedDatabase(harness.db.ownerUrl, OPTIONS);
  });

  afterAll(() => harness.close());

  it('fills every tenant table it writes for each agency, in set-based batches it counts', async () => {
    expect(seeded.agencyIds).toHaveLength(3);
    expect(seeded.candidates).toBe(300);
    for (const table of PER_AGENCY_TABLES) {
      const counts = await countsByAgency(harness.db.ownerUrl, table);
      for (const agencyId of seeded.agencyIds)
        expect({ table, rows: counts.get(agencyId) ?? 0 }).not.toEqual({ table, rows: 0 });
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      expect({ table, rows: seeded.rows[table] }).toEqual({ table, rows: total });
    }
    for (const table of SOME_AGENCIES_TABLES) expect(seeded.rows[table]).toBeGreaterThan(0);
    expect(seeded.rows.applications).toBe(seeded.applications);
    expect(seeded.first.counselorUserIds.length).toBeGreaterThanOrEqual(2);
  });

  it('puts applications in every stage of the pipeline, most of them open', async () => {
    const stages = await withOwner(harness.db.ownerUrl, async (client) => {
      const { rows } = await client.query<{ stage: string; n: number }>(
        `SELECT stage, count(*)::int AS n FROM applications GROUP BY stage`,
      );
      return new Map(rows.map((row) => [row.stage, row.n]));
    });
    expect([...stages.keys()].sort()).toEqual(Object.values(Stage).sort());
    const closed = ['PLACED', 'REJECTED', 'WITHDRAWN', 'OUT_OF_RUNNING'].reduce(
      (sum, stage) => sum + stages.get(stage)!,
      0,
    );
    expect(closed / seeded.applications).toBeLessThan(0.5);
  });

  it("gives the first agency's weekly report real work in the seeded week", async () => {
    const agencyId = seeded.first.agencyId;
    const { timezone, applications } = await withOwner(harness.db.ownerUrl, async (client) => ({
      timezone: (await client.query(`SELECT timezone FROM agencies WHERE id = $1`, [agencyId])).rows[0].timezone,
      applications: Number(
        (await client.query(`SELECT count(*) FROM applications WHERE agency_id = $1`, [agencyId])).rows[0].count,
      ),
    }));
    const week = reportWeek(WEEK_START, timezone);
    const figures = await harness
      .get(RequestContextFactory)
      .runForAgency(agencyId, 'report', (ctx) =>
        harness.get(ReportFiguresService).compute(ctx, week, previousWeek(week, timezone)),
      );

    expect(figures.interviews).toBeGreaterThan(0);
    expect(figures.debriefs).toBeGreaterThan(0);
    expect(figures.followUpsMade).toBeGreaterThan(0);
    expect(figures.followUpsAnswered).toBeGreaterThan(0);
    expect(figures.escalationsOpen).toBeGreaterThan(0);
    expect(figures.stages.reduce((sum, stage) => sum + stage.count, 0)).toBe(applications);
    expect(figures.stages.reduce((sum, stage) => sum + stage.movedIn, 0)).toBeGreaterThan(0);
    expect(figures.perCounselor).toHaveLength(seeded.first.counselorUserIds.length);
  });

  it('leaves escalation rungs due for the sweep, which raises them once through the real engine', async () => {
    const sweep = () =>
      harness
        .get(RequestContextFactory)
        .runForAgency(seeded.first.agencyId, 'sweep', (ctx) => harness.get(EscalationRaiser).raiseDue(ctx));
    const raised = await sweep();
    expect(raised.length).toBeGreaterThan(0);
    expect(await sweep()).toEqual([]);
  });

  it('is deterministic, and the same with foreign keys checked row by row or verified after the load', async () => {
    expect(seeded.foreignKeys).toBe('verified after the load');
    const again: TestDatabase = await createTestDatabase();
    try {
      // PostgreSQL's own per-row checks: the generated keys hold without the set-based verification too.
      const summary = await seedDatabase(again.ownerUrl, { ...OPTIONS, deferForeignKeyChecks: false });
      expect(summary.foreignKeys).toBe('checked row by row');
      expect(summary.rows).toEqual(seeded.rows);
      expect(summary.agencyIds).toEqual(seeded.agencyIds);
      const fresh = await createTestDatabase();
      try {
        await seedDatabase(fresh.ownerUrl, OPTIONS);
        expect(await fingerprint(fresh.ownerUrl)).toEqual(await fingerprint(again.ownerUrl));
      } finally {
        await fresh.drop();
      }
    } finally {
      await again.drop();
    }
  });

  it('fails the load when a row skipped past the per-row checks points at nothing', async () => {
    const db = await createTestDatabase();
    const pool = new Pool({ connectionString: db.ownerUrl, max: 1 });
    try {
      const agencyId = await withOwner(db.ownerUrl, async (client) => {
        const { agencyId } = await insertAgencyWithAdmin(client, 'orphans');
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        await client.query(
          `INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, created_at)
           VALUES ($1, $2, $3, now(), true, now())`,
          [agencyId, randomUUID(), randomUUID()],
        );
        await client.query('COMMIT');
        return agencyId;
      });
      await expect(verifyForeignKeys(pool, [agencyId], 1)).rejects.toThrow(
        'interviews_application_fkey: 1 rows of interviews point at nothing',
      );
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});
