import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each agency's follow-up policy. An agency without a row follows the
 * defaults (libs/policy/src/follow-up-policy.ts); its first update writes the row.
 */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

export class AgencyPolicies1795700000000 implements MigrationInterface {
  name = 'AgencyPolicies1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_policies (
        agency_id uuid NOT NULL,
        thank_you_within_working_days smallint NOT NULL,
        hr_status_email_after_working_days smallint NOT NULL,
        status_check_every_working_days smallint NOT NULL,
        minimum_gap_working_days smallint NOT NULL,
        contact_days text[] NOT NULL,
        contact_windows jsonb NOT NULL,
        call_after_promised_date_working_days smallint NOT NULL,
        leave_message_with_gatekeeper boolean NOT NULL,
        escalate_to_hiring_manager_after_working_days smallint NOT NULL,
        hiring_manager_attempts_before_visit smallint NOT NULL,
        out_of_running_after_working_days smallint NOT NULL,
        long_silence_after_working_days smallint NOT NULL,
        low_pressure_contact_every_working_days smallint NOT NULL,
        holiday_country char(2) NOT NULL,
        holiday_region text,
        extra_holidays date[] NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by_user_id uuid,
        CONSTRAINT agency_policies_pkey PRIMARY KEY (agency_id),
        CONSTRAINT agency_policies_agency_fkey FOREIGN KEY (agency_id) REFERENCES agencies (id)
      )`);
    await q.query(`ALTER TABLE agency_policies ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE agency_policies FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON agency_policies
        USING (agency_id = ${AGENCY_SETTING})
        WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON agency_policies TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agency_policies`);
  }
}
