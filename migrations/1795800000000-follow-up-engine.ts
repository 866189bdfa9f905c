import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The follow-up engine's state: each application's next step (with the next
 * escalation rung and the temperature), the escalations raised, the outbox of
 * notifications and the agencies' webhooks. Same tenancy conventions as every
 * tenant table.
 */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

const NEXT_ACTIONS = [
  'SEND_THANK_YOU',
  'EMAIL_HR_STATUS',
  'STATUS_CHECK',
  'CALL_PROMISED_DATE_PASSED',
  'CALL_AT_PERMISSION',
  'ESCALATE_TO_HIRING_MANAGER',
  'VISIT',
  'CLOSING_LETTER',
  'MARK_OUT_OF_RUNNING',
  'LOW_PRESSURE_CHECK',
  'RESUME_AFTER_HOLD',
  'SEND_CLOSING_THANKS',
  'NONE',
];
const LEVELS = ['NEXT_STEP_OVERDUE', 'HIRING_MANAGER', 'VISIT', 'CLOSING_LETTER', 'OUT_OF_RUNNING'];
const RESOLUTIONS = ['DONE', 'DISMISSED', 'EMPLOYER_ANSWERED', 'APPLICATION_CLOSED'];
const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

const TABLES = ['application_next_steps', 'escalations', 'agency_webhooks', 'notifications'];

export class FollowUpEngine1795800000000 implements MigrationInterface {
  name = 'FollowUpEngine1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_policies ADD COLUMN overdue_grace_working_days smallint NOT NULL DEFAULT 2`);

    await q.query(`
      CREATE TABLE application_next_steps (
        agency_id uuid NOT NULL,
        application_id uuid NOT NULL,
        action text NOT NULL CONSTRAINT application_next_steps_action_check CHECK (action IN (${list(NEXT_ACTIONS)})),
        due_at timestamptz,
        contact_id uuid,
        reason text NOT NULL,
        temperature_score smallint NOT NULL
          CONSTRAINT application_next_steps_temperature_check CHECK (temperature_score BETWEEN 0 AND 100),
        temperature_reasons jsonb NOT NULL,
        escalation_level text
          CONSTRAINT application_next_steps_escalation_level_check CHECK (escalation_level IN (${list(LEVELS)})),
        escalation_due_at timestamptz,
        escalation_basis_at timestamptz,
        escalation_reason text,
        escalation_action text,
        escalation_contact_id uuid,
        wake_at timestamptz,
        computed_at timestamptz NOT NULL,
        CONSTRAINT application_next_steps_pkey PRIMARY KEY (agency_id, application_id),
        CONSTRAINT application_next_steps_application_fkey
          FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id) ON DELETE CASCADE,
        CONSTRAINT application_next_steps_contact_fkey
          FOREIGN KEY (agency_id, contact_id) REFERENCES employer_contacts (agency_id, id),
        CONSTRAINT application_next_steps_escalation_contact_fkey
          FOREIGN KEY (agency_id, escalation_contact_id) REFERENCES employer_contacts (agency_id, id),
        CONSTRAINT application_next_steps_escalation_check CHECK (
          (escalation_level IS NULL) = (escalation_due_at IS NULL)
          AND (escalation_level IS NULL) = (escalation_basis_at IS NULL))
      )`);
    // The sweep's scan: rungs that fall due, per agency.
    await q.query(`
      CREATE INDEX application_next_steps_escalation_due_idx
        ON application_next_steps (agency_id, escalation_due_at) WHERE escalation_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX application_next_steps_due_idx ON application_next_steps (agency_id, due_at)`);
    await q.query(
      `CREATE INDEX application_next_steps_temperature_idx ON application_next_steps (agency_id, temperature_score)`,
    );

    // (application, level, basis) is the rung's identity: a duplicated, retried or concurrent sweep raises it once.
    await q.query(`
      CREATE TABLE escalations (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        level text NOT NULL CONSTRAINT escalations_level_check CHECK (level IN (${list(LEVELS)})),
        basis_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        reason text NOT NULL,
        recommended_action text NOT NULL,
        contact_id uuid,
        assignee_user_id uuid,
        raised_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolution text CONSTRAINT escalations_resolution_check CHECK (resolution IN (${list(RESOLUTIONS)})),
        resolution_notes text,
        resolved_by_user_id uuid,
        CONSTRAINT escalations_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT escalations_rung_key UNIQUE (agency_id, application_id, level, basis_at),
        CONSTRAINT escalations_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id),
        CONSTRAINT escalations_contact_fkey FOREIGN KEY (agency_id, contact_id) REFERENCES employer_contacts (agency_id, id),
        CONSTRAINT escalations_assignee_fkey FOREIGN KEY (agency_id, assignee_user_id) REFERENCES users (agency_id, id),
        CONSTRAINT escalations_resolved_by_fkey FOREIGN KEY (agency_id, resolved_by_user_id) REFERENCES users (agency_id, id),
        CONSTRAINT escalations_resolution_consistency_check CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`);
    await q.query(`
      CREATE INDEX escalations_open_application_idx ON escalations (agency_id, application_id) WHERE resolved_at IS NULL`);
    await q.query(`
      CREATE INDEX escalations_open_assignee_idx ON escalations (agency_id, assignee_user_id, raised_at)
        WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX escalations_raised_idx ON escalations (agency_id, raised_at, id)`);

    await q.query(`
      CREATE TABLE agency_webhooks (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        url text NOT NULL CONSTRAINT agency_webhooks_url_check CHECK (url ~ '^https?://' AND length(url) <= 2000),
        secret text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT agency_webhooks_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT agency_webhooks_url_key UNIQUE (agency_id, url)
      )`);

    // The outbox: written in the transaction of what it announces, delivered by the worker.
    await q.query(`
      CREATE TABLE notifications (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        dedupe_key text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL CONSTRAINT notifications_channel_check CHECK (channel IN ('EMAIL', 'WEBHOOK')),
        recipient_user_id uuid,
        webhook_id uuid,
        target text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts smallint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT notifications_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT notifications_dedupe_key UNIQUE (agency_id, dedupe_key),
        CONSTRAINT notifications_recipient_fkey FOREIGN KEY (agency_id, recipient_user_id) REFERENCES users (agency_id, id),
        CONSTRAINT notifications_webhook_fkey
          FOREIGN KEY (agency_id, webhook_id) REFERENCES agency_webhooks (agency_id, id) ON DELETE SET NULL (webhook_id)
      )`);
    await q.query(`
      CREATE INDEX notifications_pending_idx ON notifications (agency_id, next_attempt_at) WHERE status = 'PENDING'`);

    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (agency_id = ${AGENCY_SETTING})
          WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications, agency_webhooks, escalations, application_next_steps`);
    await q.query(`ALTER TABLE agency_policies DROP COLUMN overdue_grace_working_days`);
  }
}
