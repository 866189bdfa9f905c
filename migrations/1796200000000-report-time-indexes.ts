import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly report reads one or two weeks of each event table. Without an
 * index on the event's time it read every row of the agency: 15 s for an
 * agency of 120,000 applications (bench/weekly-report.bench.ts).
 */
export class ReportTimeIndexes1796200000000 implements MigrationInterface {
  name = 'ReportTimeIndexes1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX interviews_time_idx ON interviews (agency_id, occurred_at)`);
    await q.query(`CREATE INDEX debriefs_time_idx ON debriefs (agency_id, held_at)`);
    await q.query(`CREATE INDEX follow_ups_time_idx ON follow_ups (agency_id, occurred_at)`);
    await q.query(`CREATE INDEX reference_signals_time_idx ON reference_signals (agency_id, occurred_at)`);
    await q.query(
      `CREATE INDEX application_stage_changes_time_idx ON application_stage_changes (agency_id, changed_at)`,
    );
    await q.query(
      `CREATE INDEX escalations_resolved_time_idx ON escalations (agency_id, resolved_at) WHERE resolved_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'escalations_resolved_time_idx',
      'application_stage_changes_time_idx',
      'reference_signals_time_idx',
      'follow_ups_time_idx',
      'debriefs_time_idx',
      'interviews_time_idx',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
