import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly pipeline reports: immutable snapshots. The application may add a
 * revision (an admin regenerating a week) but never change or delete one.
 */
const AGENCY = `nullif(current_setting('app.agency_id', true), '')::uuid`;
const NOT_CANDIDATE = `coalesce(current_setting('app.role', true), '') <> 'CANDIDATE'`;

export class PipelineReports1796000000000 implements MigrationInterface {
  name = 'PipelineReports1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pipeline_reports (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        week_start date NOT NULL,
        week_end date NOT NULL,
        timezone text NOT NULL,
        revision smallint NOT NULL CONSTRAINT pipeline_reports_revision_check CHECK (revision >= 1),
        figures jsonb NOT NULL,
        generated_at timestamptz NOT NULL,
        generated_by_user_id uuid,
        CONSTRAINT pipeline_reports_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT pipeline_reports_week_revision_key UNIQUE (agency_id, week_start, revision),
        CONSTRAINT pipeline_reports_generated_by_fkey
          FOREIGN KEY (agency_id, generated_by_user_id) REFERENCES users (agency_id, id)
      )`);
    await q.query(`ALTER TABLE pipeline_reports ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE pipeline_reports FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON pipeline_reports USING (agency_id = ${AGENCY}) WITH CHECK (agency_id = ${AGENCY})`);
    await q.query(`
      CREATE POLICY candidate_scope ON pipeline_reports AS RESTRICTIVE
        USING (${NOT_CANDIDATE}) WITH CHECK (${NOT_CANDIDATE})`);
    await q.query(`GRANT SELECT, INSERT ON pipeline_reports TO recruiting_app`);
    // When the report goes out (Monday, this hour, the agency's time) and to whom (empty: the agency's admins).
    await q.query(`
      ALTER TABLE agency_policies
        ADD COLUMN weekly_report_hour smallint NOT NULL DEFAULT 7
          CONSTRAINT agency_policies_weekly_report_hour_check CHECK (weekly_report_hour BETWEEN 0 AND 23),
        ADD COLUMN report_recipients text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_policies DROP COLUMN weekly_report_hour, DROP COLUMN report_recipients`);
    await q.query(`DROP TABLE pipeline_reports`);
  }
}
