import { ownerDataSource } from '@lib/database';
import { ReportCoveringIndexes1796600000000 } from '../../migrations/1796600000000-report-covering-indexes';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';

const TABLES = ['follow_ups', 'application_stage_changes', 'debriefs'];

/** The report's time indexes of those tables, by name, as PostgreSQL states them, and whether each is usable. */
async function timeIndexes(ownerUrl: string): Promise<Record<string, string>> {
  return withOwner(ownerUrl, async (client) => {
    const { rows } = await client.query<{ name: string; definition: string; valid: boolean }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, x.indisvalid AS valid
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY($1) AND i.relname LIKE '%time_idx'`,
      [TABLES],
    );
    return Object.fromEntries(
      rows.map((row) => [
        row.name,
        row.definition.replace(' ON public.', ' ON ').replace(' USING btree', '') + (row.valid ? '' : ' (INVALID)'),
      ]),
    );
  });
}

/**
 * An operator who rolls the covering indexes back gets the report's plain time indexes again, and can roll
 * forward once more; the indexes are built concurrently, outside a transaction, so a step interrupted halfway
 * must not stop the next attempt.
 */
describe('the report covering indexes migration', () => {
  let db: TestDatabase;
  const migration = new ReportCoveringIndexes1796600000000();
  const run = async (step: 'up' | 'down') => {
    const dataSource = await ownerDataSource(db.ownerUrl).initialize();
    try {
      await migration[step](dataSource.createQueryRunner());
    } finally {
      await dataSource.destroy();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  const COVERING = {
    application_stage_changes_covering_time_idx:
      'CREATE INDEX application_stage_changes_covering_time_idx ON application_stage_changes (agency_id, changed_at) INCLUDE (application_id, from_stage, to_stage)',
    debriefs_covering_time_idx:
      'CREATE INDEX debriefs_covering_time_idx ON debriefs (agency_id, held_at) INCLUDE (application_id)',
    follow_ups_outbound_time_idx:
      "CREATE INDEX follow_ups_outbound_time_idx ON follow_ups (agency_id, occurred_at) INCLUDE (candidate_id, outcome, response_kind, channel, purpose) WHERE (direction = 'OUTBOUND'::text)",
  };

  it('replaces the plain time indexes, goes back to them, and forward again', async () => {
    expect(await timeIndexes(db.ownerUrl)).toEqual(COVERING);

    await run('down');
    expect(await timeIndexes(db.ownerUrl)).toEqual({
      application_stage_changes_time_idx:
        'CREATE INDEX application_stage_changes_time_idx ON application_stage_changes (agency_id, changed_at)',
      debriefs_time_idx: 'CREATE INDEX debriefs_time_idx ON debriefs (agency_id, held_at)',
      follow_ups_time_idx: 'CREATE INDEX follow_ups_time_idx ON follow_ups (agency_id, occurred_at)',
    });

    await run('up');
    expect(await timeIndexes(db.ownerUrl)).toEqual(COVERING);
  });

  it('rebuilds a covering index an interrupted attempt left invalid', async () => {
    await withOwner(db.ownerUrl, async (client) => {
      // What CREATE INDEX CONCURRENTLY leaves behind when it fails: the index, marked invalid.
      await client.query(
        `UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'debriefs_covering_time_idx'::regclass`,
      );
    });
    expect((await timeIndexes(db.ownerUrl)).debriefs_covering_time_idx).toContain('(INVALID)');

    await run('up');
    expect(await timeIndexes(db.ownerUrl)).toEqual(COVERING);
  });
});
