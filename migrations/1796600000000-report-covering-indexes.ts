import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly report's time indexes (migration 1796200000000) found a week's
 * rows, then fetched each from the table: a week of one agency's follow-ups
 * sits on as many pages as it has rows, since rows are stored in the order
 * they were written, not by week. These indexes carry every column the
 * report reads of those rows, so the report reads the index alone: one
 * agency of 100,000 applications went from 0.95–1.39 s to 0.80–0.93 s
 * (bench/README.md). The report is the only reader of these indexes.
 *
 * The report counts outbound follow-ups only, so their index holds no other.
 * Built CONCURRENTLY, outside a transaction, so that the tables take writes
 * meanwhile; each new index is dropped first in case an earlier attempt left
 * it invalid.
 */
const COVERING = [
  {
    table: 'follow_ups',
    old: 'follow_ups_time_idx',
    oldColumns: '(agency_id, occurred_at)',
    name: 'follow_ups_outbound_time_idx',
    definition:
      "(agency_id, occurred_at) INCLUDE (candidate_id, outcome, response_kind, channel, purpose) WHERE direction = 'OUTBOUND'",
  },
  {
    table: 'application_stage_changes',
    old: 'application_stage_changes_time_idx',
    oldColumns: '(agency_id, changed_at)',
    name: 'application_stage_changes_covering_time_idx',
    definition: '(agency_id, changed_at) INCLUDE (application_id, from_stage, to_stage)',
  },
  {
    table: 'debriefs',
    old: 'debriefs_time_idx',
    oldColumns: '(agency_id, held_at)',
    name: 'debriefs_covering_time_idx',
    definition: '(agency_id, held_at) INCLUDE (application_id)',
  },
];

export class ReportCoveringIndexes1796600000000 implements MigrationInterface {
  name = 'ReportCoveringIndexes1796600000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const index of COVERING) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
      await q.query(`CREATE INDEX CONCURRENTLY ${index.name} ON ${index.table} ${index.definition}`);
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.old}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of COVERING) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.old}`);
      await q.query(`CREATE INDEX CONCURRENTLY ${index.old} ON ${index.table} ${index.oldColumns}`);
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
    }
  }
}
